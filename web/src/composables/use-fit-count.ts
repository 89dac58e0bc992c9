import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * How many fixed-height rows fit in an element. The wall never scrolls:
 * lists show what fits and say how many more there are.
 */
export function useFitCount(element: Ref<HTMLElement | null>, rowRem: number, gapRem = 0): Ref<number> {
  const count = ref(0);
  let observer: ResizeObserver | null = null;

  function measure(): void {
    const el = element.value;
    if (!el) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const row = (rowRem + gapRem) * rem;
    count.value = Math.max(1, Math.floor((el.clientHeight + gapRem * rem) / row));
  }

  onMounted(() => {
    measure();
    if (typeof ResizeObserver !== 'undefined' && element.value) {
      observer = new ResizeObserver(measure);
      observer.observe(element.value);
    }
  });
  onBeforeUnmount(() => observer?.disconnect());
  return count;
}
