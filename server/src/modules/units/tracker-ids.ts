import { randomBytes } from 'node:crypto';

/**
 * A tracker id is the only secret the OsmAnd protocol carries (Traccar Client's
 * "device identifier"): whoever knows it moves the unit or raises its SOS. One we
 * generate has 120 random bits, so it cannot be guessed like a 6-digit default.
 */
export const newTrackerId = (): string => `lf-${randomBytes(15).toString('base64url')}`;

/** What a log line or an error may say about a tracker id: enough to tell two apart, not enough to use. */
export const trackerHint = (trackerId: string): string => (trackerId.length <= 6 ? '…' : `${trackerId.slice(0, 3)}…${trackerId.slice(-2)}`);
