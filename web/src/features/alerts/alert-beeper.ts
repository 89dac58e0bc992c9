import type { Priority } from '@lianfang/shared';

/** Beeps through WebAudio (no audio files to load or block). */
export class AlertBeeper {
  private ctx: AudioContext | null = null;

  /** false when the browser still waits for a click before it allows sound */
  get allowed(): boolean {
    return this.ctx?.state === 'running';
  }

  /** Creates or wakes the audio context; must run inside a user gesture the first time. */
  async unlock(): Promise<boolean> {
    const Ctor = globalThis.AudioContext;
    if (!Ctor) return false;
    this.ctx ??= new Ctor();
    if (this.ctx.state === 'suspended') {
      try {
        await this.ctx.resume();
      } catch {
        return false;
      }
    }
    return this.allowed;
  }

  /** P1: three high, urgent beeps; others: two lower ones. */
  play(priority: Priority): void {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    const urgent = priority === 'P1';
    const pitch = urgent ? 1046 : 784;
    const count = urgent ? 3 : 2;
    const start = ctx.currentTime + 0.02;
    for (let i = 0; i < count; i++) {
      const at = start + i * 0.26;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.setValueAtTime(pitch, at);
      // Short attack/release: a click-free beep.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.22, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    }
  }

  close(): void {
    void this.ctx?.close();
    this.ctx = null;
  }
}
