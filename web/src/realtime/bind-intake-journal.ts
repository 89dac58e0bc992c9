import { useJournalledPressesStore } from '../features/alerts/journalled-presses.store';
import type { LianfangClientSocket } from './realtime-socket';

/**
 * The presses received while the server's database is away (not sequenced:
 * nothing is committed yet) go to their own store; returns the unbind function.
 * Each connect starts from the list the server sends then.
 */
export function bindIntakeJournal(socket: LianfangClientSocket): () => void {
  const presses = useJournalledPressesStore();
  const onConnect = () => presses.clear();
  socket.on('connect', onConnect);
  socket.on('intake:journalled', (m) => presses.received(m.presses));
  socket.on('intake:recorded', (m) => presses.recorded(m.recorded));
  const onAlert = (m: { alert: { id: string } }) => presses.alertArrived(m.alert.id);
  socket.on('alert:raised', onAlert);
  return () => {
    socket.off('connect', onConnect);
    socket.off('intake:journalled');
    socket.off('intake:recorded');
    socket.off('alert:raised', onAlert);
  };
}
