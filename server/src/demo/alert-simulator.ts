import type { AlertKind } from '@lianfang/shared';

const KINDS: AlertKind[] = ['panic', 'panic', 'crime', 'medical', 'fire', 'traffic', 'radio'];

/**
 * Now and then a shop's panic button goes off, sometimes pressed two or three
 * times in a row (as people do), through POST /ingest/alerts with the device key.
 */
export class AlertSimulator {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly baseUrl: string,
    private readonly keys: string[],
    private readonly everySeconds: number,
  ) {}

  start(): void {
    if (this.everySeconds <= 0 || this.keys.length === 0) return;
    const schedule = () => {
      // Jittered between half and one and a half times the mean interval.
      this.timer = setTimeout(() => void this.fire().finally(schedule), this.everySeconds * 1000 * (0.5 + Math.random()));
      this.timer.unref();
    };
    schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  async fire(): Promise<void> {
    const key = this.keys[Math.floor(Math.random() * this.keys.length)]!;
    const kind = KINDS[Math.floor(Math.random() * KINDS.length)]!;
    const presses = 1 + Math.floor(Math.random() * 3);
    for (let i = 0; i < presses; i++) {
      await fetch(`${this.baseUrl}/ingest/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind }),
      }).then(
        (r) => r.body?.cancel(),
        () => undefined,
      );
      await new Promise((r) => setTimeout(r, 1500));
    }
  }
}
