import { isAckError } from '@lianfang/shared';
import { ApiRequestError, NetworkError } from '../../api/api-errors';
import { apiRequest } from '../../api/http-client';
import type { LianfangClientSocket } from '../realtime-socket';
import type { CommandTransport } from './outbox-flusher';
import type { DeliveryResult, QueuedCommand } from './queued-command';

const ACK_TIMEOUT_MS = 10_000;
/** Later than this, the alert note says when the button was really pressed (the command has no time field). */
const LATE_ALERT_MS = 30_000;
const SERVER_ERROR_PREFIX = 'not accepted: server error';

/** Delivers queued commands: alerts and positions over the socket with acks, status changes over REST. */
export function createSocketCommandTransport(socket: LianfangClientSocket, now: () => number = Date.now): CommandTransport {
  return {
    isConnected: () => socket.connected,
    async send(command: QueuedCommand): Promise<DeliveryResult> {
      switch (command.kind) {
        case 'position:report': {
          const reply = await socket
            .timeout(ACK_TIMEOUT_MS)
            .emitWithAck('position:report', { ...command.payload, at: command.payload.at ?? command.createdAt });
          if (isAckError(reply)) return { outcome: 'refused', message: reply.error };
          // A fix the server refuses (duplicate, out of order) will not improve by resending.
          return reply.data.accepted ? { outcome: 'delivered', detail: reply.data } : { outcome: 'refused', message: reply.data.flags.join(',') };
        }
        case 'alert:raise': {
          const late = now() - Date.parse(command.createdAt) > LATE_ALERT_MS;
          const note = late
            ? [command.payload.note, `pressed at ${command.createdAt} (sent late, link was down)`].filter(Boolean).join(' · ')
            : command.payload.note;
          // The command id is the idempotency key: a resend after a lost ack cannot open a second incident.
          const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('alert:raise', {
            ...command.payload,
            idempotencyKey: command.id,
            ...(note ? { note: note.slice(0, 500) } : {}),
          });
          if (isAckError(reply))
            return reply.error.startsWith(SERVER_ERROR_PREFIX) ? { outcome: 'retry', message: reply.error } : { outcome: 'refused', message: reply.error };
          return { outcome: 'delivered', detail: reply.data };
        }
        case 'unit:status':
          return deliverRest(() => apiRequest(`/api/units/${encodeURIComponent(command.unitId)}/status`, { method: 'POST', body: { status: command.status } }));
        case 'assignment:status':
          // `at` is when the captain pressed: a change sent late after a dead spot keeps its real time.
          return deliverRest(() =>
            apiRequest(`/api/incidents/${encodeURIComponent(command.incidentId)}/units/${encodeURIComponent(command.unitId)}/status`, {
              method: 'POST',
              body: {
                status: command.status,
                at: command.createdAt,
                ...(command.reason ? { reason: command.reason } : {}),
                ...(command.confirmFar ? { confirmFar: true } : {}),
              },
            }),
          );
        // The command id (a UUID kept in the offline queue) is the idempotency key: a resend after a
        // lost reply gets the first reply back, not a second incident or an "already resolved".
        // A resolve also keeps the time it was pressed, like the status changes above.
        case 'incident:resolve':
          return deliverRest(() =>
            apiRequest(`/api/incidents/${encodeURIComponent(command.incidentId)}/resolve`, {
              method: 'POST',
              body: { outcome: command.outcome, idempotencyKey: command.id, at: command.createdAt },
            }),
          );
        case 'incident:report':
          return deliverRest(() => apiRequest('/api/incidents', { method: 'POST', body: { ...command.payload, idempotencyKey: command.id } }));
      }
    },
  };
}

/** REST commands: a lost link or a busy server is worth retrying; a 4xx is the server's final word. */
async function deliverRest(call: () => Promise<unknown>): Promise<DeliveryResult> {
  try {
    return { outcome: 'delivered', detail: await call() };
  } catch (err) {
    if (err instanceof NetworkError) return { outcome: 'retry', message: err.message };
    if (err instanceof ApiRequestError && (err.status >= 500 || err.status === 429)) return { outcome: 'retry', message: err.message };
    if (err instanceof ApiRequestError) return { outcome: 'refused', message: err.message, ...(err.field ? { field: err.field } : {}) };
    return { outcome: 'refused', message: err instanceof Error ? err.message : 'refused' };
  }
}
