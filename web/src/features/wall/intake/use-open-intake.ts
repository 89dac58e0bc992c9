import { useSocketStore } from '../../../realtime/socket.store';
import { useCallIntakeStore } from './call-intake.store';

/**
 * Opens the call-intake form with the call's received time on the server's clock (the wall PC's
 * clock may be off; processing time is measured against the server's own times).
 */
export function useOpenIntake(): (at?: { lat: number; lon: number }) => void {
  const intake = useCallIntakeStore();
  const socket = useSocketStore();
  return (at) => intake.open(at, Date.now() + socket.serverClockOffsetMs);
}
