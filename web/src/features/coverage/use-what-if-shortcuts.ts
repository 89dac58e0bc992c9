import { onBeforeUnmount, onMounted } from 'vue';
import { useWhatIfStore } from './what-if.store';

/**
 * The what-if's keys on the wall: G (gaps) opens and leaves it — W is the desk's whistle; while it is open, Esc leaves it and 1–4
 * choose the mode of the next temporary post. Listened for before the desk's keys (capture), and
 * kept from them while the what-if is open, so Esc never also closes an incident.
 */
export function useWhatIfShortcuts(): void {
  const whatIf = useWhatIfStore();

  function onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let handled = true;
    if (key === 'g') whatIf.toggle();
    else if (whatIf.active && key === 'Escape') whatIf.close();
    else if (whatIf.active && /^[1-4]$/.test(key)) whatIf.choosePostMode(Number(key));
    else handled = false;
    if (!handled) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  onMounted(() => window.addEventListener('keydown', onKey, { capture: true }));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey, { capture: true }));
}
