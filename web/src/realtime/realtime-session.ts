import { effectScope, watch } from 'vue';
import { readSessionToken } from '../api/session-token';
import { useAlertsStore } from '../features/alerts/alerts.store';
import { useCoverageStore } from '../features/coverage/coverage.store';
import { useAdviceStore } from '../features/dispatch/advice.store';
import { useGeoStore } from '../features/geo/geo.store';
import { useIncidentsStore } from '../features/incidents/incidents.store';
import { usePatrolPlansStore } from '../features/patrol-plans/patrol-plans.store';
import { useEmergencyPlansStore } from '../features/emergency-plans/emergency-plans.store';
import { useUnitsStore } from '../features/units/units.store';
import { bindDispatcher, resumeOver } from './bind-dispatcher';
import { bindIntakeJournal } from './bind-intake-journal';
import type { HandlerContext } from './handlers/handler-context';
import { useCommandOutboxStore } from './outbox/command-outbox.store';
import { OutboxFlusher } from './outbox/outbox-flusher';
import { createSocketCommandTransport } from './outbox/socket-command-transport';
import { PositionCoalescer } from './position-coalescer';
import { RealtimeDispatcher } from './realtime-dispatcher';
import { openRealtimeSocket, type LianfangClientSocket } from './realtime-socket';
import { useSocketStore } from './socket.store';

export interface RealtimeSession {
  socket: LianfangClientSocket;
  dispatcher: RealtimeDispatcher;
  stop(): void;
}

export interface RealtimeSessionOptions {
  /** the server refused the login in the handshake: the session is over */
  onUnauthorized: () => void;
  url?: string;
}

/** Builds the handler context from the stores of the active Pinia. */
export function storeContext(positionFlushMs = 250): HandlerContext {
  const units = useUnitsStore();
  return {
    units,
    incidents: useIncidentsStore(),
    geo: useGeoStore(),
    alerts: useAlertsStore(),
    plans: usePatrolPlansStore(),
    emergencyPlans: useEmergencyPlansStore(),
    advice: useAdviceStore(),
    coverage: useCoverageStore(),
    connection: useSocketStore(),
    positions: new PositionCoalescer((batch) => units.applyPositions(batch), positionFlushMs),
  };
}

/**
 * The one live connection of a logged-in screen: socket → dispatcher → stores,
 * and the command outbox → socket. Started and stopped by the app shell on login/logout.
 */
export function startRealtimeSession(options: RealtimeSessionOptions): RealtimeSession {
  const ctx = storeContext();
  const connection = ctx.connection;
  const outbox = useCommandOutboxStore();
  connection.reset();
  connection.setState('connecting');

  const socket = openRealtimeSocket(() => {
    const token = readSessionToken();
    return {
      ...(token ? { token } : {}),
      // Without a snapshot of our own, a replay would have nothing to apply onto.
      ...(connection.hasBaseline ? { lastSeq: connection.lastSeq } : {}),
      // After a database restore the same seq names other events: the server compares and sends a snapshot.
      ...(connection.hasBaseline && connection.history ? { history: connection.history } : {}),
    };
  }, options.url);
  const dispatcher = new RealtimeDispatcher({ context: ctx, requestResume: resumeOver(socket, () => connection.history) });
  const unbind = bindDispatcher(socket, dispatcher);
  const unbindJournal = bindIntakeJournal(socket);
  const flusher = new OutboxFlusher(outbox, createSocketCommandTransport(socket));

  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  socket.on('connect', () => flusher.kick());
  // Logged out elsewhere, disabled, or a new password: this screen's login is over, back to the login page.
  socket.on('session:ended', () => options.onUnauthorized());
  socket.on('connect_error', (err) => {
    if (/unauthori[sz]ed/i.test(err.message)) {
      options.onUnauthorized();
      return;
    }
    connection.setError(err.message);
    connection.setState(connection.hasBaseline ? 'reconnecting' : 'connecting');
    // A refusal in the server's middleware stops Socket.IO's own retries; keep trying.
    if (!socket.active && reconnectTimer === null) {
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        socket.connect();
      }, 3000);
    }
  });

  const scope = effectScope(true);
  scope.run(() =>
    watch(
      () => outbox.pendingCount,
      () => flusher.kick(),
    ),
  );

  return {
    socket,
    dispatcher,
    stop() {
      scope.stop();
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      flusher.stop();
      unbind();
      unbindJournal();
      socket.off();
      socket.disconnect();
      dispatcher.dispose();
      connection.reset();
    },
  };
}
