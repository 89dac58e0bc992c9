import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * How many rows of a scrolling list are out of view above and below, so the list can say so
 * ("↓ 3 more below"): on a wall nobody sees a scrollbar from across the room. The element
 * must be positioned (`position: relative`) so its rows' offsets are measured from it.
 */
export function useRowsOutOfView(element: Ref<HTMLElement | null>): { above: Ref<number>; below: Ref<number>; measure: () => void } {
  const above = ref(0);
  const below = ref(0);
  let frame = 0;
  let observer: ResizeObserver | null = null;
  let mutations: MutationObserver | null = null;

  function count(): void {
    frame = 0;
    const el = element.value;
    if (!el) return;
    const top = el.scrollTop;
    const bottom = top + el.clientHeight;
    let a = 0;
    let b = 0;
    for (const row of Array.from(el.children) as HTMLElement[]) {
      // Half a row showing counts as shown. offsetTop is from the list: it must be positioned.
      const mid = row.offsetTop + row.offsetHeight / 2;
      if (mid < top) a += 1;
      else if (mid > bottom) b += 1;
    }
    above.value = a;
    below.value = b;
  }
  function measure(): void {
    if (!frame) frame = requestAnimationFrame(count);
  }

  onMounted(() => {
    const el = element.value;
    if (!el) return;
    el.addEventListener('scroll', measure, { passive: true });
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(measure);
      observer.observe(el);
    }
    if (typeof MutationObserver !== 'undefined') {
      mutations = new MutationObserver(measure);
      mutations.observe(el, { childList: true });
    }
    count();
  });
  onBeforeUnmount(() => {
    element.value?.removeEventListener('scroll', measure);
    observer?.disconnect();
    mutations?.disconnect();
    if (frame) cancelAnimationFrame(frame);
  });
  return { above, below, measure };
}
