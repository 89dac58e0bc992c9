import type { Incident } from '@lianfang/shared';
import { ref, watch } from 'vue';
import { useCommandOutboxStore } from '../../realtime/outbox/command-outbox.store';
import { uploadIncidentPhoto } from './tablet.api';

export type PhotoUploadState = { kind: 'queued' } | { kind: 'uploading' } | { kind: 'uploaded' } | { kind: 'failed'; message: string };

/**
 * Photos wait for their report: the report goes through the offline queue (it must survive a dead
 * spot), the photo is uploaded as soon as the report is through and the incident has an id. The
 * photo is held in memory only (megabytes do not belong in localStorage): a tablet restarted
 * before the report got through sends the report without it, and says so.
 */
export function useReportPhotos() {
  const outbox = useCommandOutboxStore();
  const waiting = new Map<string, Blob>();
  const states = ref<Record<string, PhotoUploadState>>({});

  function attach(reportCommandId: string, photo: Blob): void {
    waiting.set(reportCommandId, photo);
    states.value = { ...states.value, [reportCommandId]: { kind: 'queued' } };
  }

  async function upload(commandId: string, incidentId: string, photo: Blob): Promise<void> {
    states.value = { ...states.value, [commandId]: { kind: 'uploading' } };
    try {
      await uploadIncidentPhoto(incidentId, photo);
      states.value = { ...states.value, [commandId]: { kind: 'uploaded' } };
      // Said once, then out of the way: the photo itself shows under "my incidents".
      setTimeout(() => {
        const { [commandId]: _done, ...rest } = states.value;
        states.value = rest;
      }, 8000);
    } catch (err) {
      states.value = { ...states.value, [commandId]: { kind: 'failed', message: err instanceof Error ? err.message : String(err) } };
    }
  }

  watch(
    () => outbox.outcomes,
    (outcomes) => {
      for (const [id, photo] of waiting) {
        const outcome = outcomes[id];
        if (!outcome) continue;
        waiting.delete(id);
        const detail = outcome.result.outcome === 'delivered' ? (outcome.result.detail as Incident | undefined) : undefined;
        if (detail?.id) void upload(id, detail.id, photo);
        else
          states.value = {
            ...states.value,
            [id]: { kind: 'failed', message: outcome.result.outcome === 'refused' ? outcome.result.message : 'report not sent' },
          };
      }
    },
    { deep: false },
  );

  return { attach, states };
}
