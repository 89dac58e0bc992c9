/**
 * The three nights the command centre is judged on (issue 7), at full size, and
 * how a run scales them down. The same shapes as loadtests/k6/{load,spike}.js.
 */
export type ScenarioName = 'normal-night' | 'major-event' | 'reconnect-storm';

export interface ScenarioSpec {
  name: ScenarioName;
  /** Units reporting once a second each (OsmAnd over HTTP). */
  units: number;
  /** Wall screens (Socket.IO over WebSocket, resuming with their last seq). */
  screens: number;
  /** How long positions flow while alerts are measured (s). */
  durationS: number;
  /** Alerts: `count` presses, one every `everyMs`, from `devices` panic buttons standing in one area (presses repeat per device). */
  alerts: { count: number; everyMs: number; devices: number };
}

export const FULL_SIZE: Record<ScenarioName, ScenarioSpec> = {
  // 2,000 units at 1 Hz, 200 screens, an alert a minute (each from its own device: separate incidents).
  'normal-night': { name: 'normal-night', units: 2000, screens: 200, durationS: 600, alerts: { count: 10, everyMs: 60_000, devices: 10 } },
  // 10,000 units, 1,000 screens, 50 alerts in 10 s from one area: 10 panic buttons pressed 5 times each.
  'major-event': { name: 'major-event', units: 10_000, screens: 1000, durationS: 30, alerts: { count: 50, everyMs: 200, devices: 10 } },
  // Normal-night traffic; every screen drops at once and reconnects at once, while alerts keep coming.
  'reconnect-storm': { name: 'reconnect-storm', units: 2000, screens: 1000, durationS: 20, alerts: { count: 10, everyMs: 500, devices: 10 } },
};

export interface ScaleFlags {
  scale?: number;
  units?: number;
  screens?: number;
  durationS?: number;
  alertEveryS?: number;
}

/** Full size × `scale` for units and screens (alerts keep their count), then explicit overrides. */
export function scaled(spec: ScenarioSpec, f: ScaleFlags): ScenarioSpec {
  const k = f.scale ?? 1;
  // --alert-every-s shortens the normal night's "an alert a minute"; the others keep their burst shape.
  const everyMs = f.alertEveryS !== undefined && spec.name === 'normal-night' ? f.alertEveryS * 1000 : spec.alerts.everyMs;
  const durationS = f.durationS ?? spec.durationS;
  // A shortened normal night still gets its alerts inside the window.
  const count = spec.name === 'normal-night' ? Math.max(1, Math.floor((durationS * 1000) / everyMs)) : spec.alerts.count;
  return {
    ...spec,
    units: f.units ?? Math.max(1, Math.round(spec.units * k)),
    screens: f.screens ?? Math.max(1, Math.round(spec.screens * k)),
    durationS,
    alerts: { ...spec.alerts, everyMs, count },
  };
}
