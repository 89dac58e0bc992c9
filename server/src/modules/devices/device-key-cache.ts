import type { DeviceRecord } from './device-repository.js';

const CACHE_MS = 30_000;

/**
 * Key → device for a short while: a panic storm must not turn into a database storm. A device
 * re-keyed or revoked is forgotten at once, here by the route that changed it and on every other
 * instance by its `device.updated` event, so an old key is refused from that moment.
 *
 * A lookup that began before a forget may answer with what was true before it: `set` drops such
 * an answer (the generation moved on), so a stale record is never cached after a revocation.
 */
export class DeviceKeyCache {
  private readonly entries = new Map<string, { device: DeviceRecord; until: number }>();
  private generation = 0;

  get(key: string): DeviceRecord | undefined {
    const hit = this.entries.get(key);
    return hit && hit.until > Date.now() ? hit.device : undefined;
  }

  /** The generation a lookup starts in; pass it back to `set`. */
  begin(): number {
    return this.generation;
  }

  set(key: string, device: DeviceRecord, startedIn: number): void {
    if (startedIn !== this.generation) return;
    this.entries.set(key, { device, until: Date.now() + CACHE_MS });
  }

  /** What was last known of a key (a database outage falls back to it). */
  known(key: string): DeviceRecord | undefined {
    return this.entries.get(key)?.device;
  }

  forgetDevice(deviceId: string): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (entry.device.id === deviceId) this.entries.delete(key);
  }
}
