import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/** The rendered height of an element in px, following its changes (0 when absent or hidden). */
export function useElementHeight(element: Ref<HTMLElement | null>): Ref<number> {
  const height = ref(0);
  let observer: ResizeObserver | null = null;
  watch(
    element,
    (el) => {
      observer?.disconnect();
      observer = null;
      height.value = el ? el.offsetHeight : 0;
      if (el && typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => (height.value = el.offsetHeight));
        observer.observe(el);
      }
    },
    { immediate: true, flush: 'post' },
  );
  onBeforeUnmount(() => observer?.disconnect());
  return height;
}
