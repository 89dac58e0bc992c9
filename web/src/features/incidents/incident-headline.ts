import type { AlertKind, Incident } from '@lianfang/shared';
import { ALERT_KINDS } from '@lianfang/shared';

type Translate = (key: string) => string;

/** The alert kind an incident was opened for, read from the server's title `KIND · label`. */
export function alertKindOfTitle(title: string): { kind: AlertKind; label: string } | null {
  const match = /^([A-Z_]+) · (.*)$/.exec(title);
  const kind = match?.[1]?.toLowerCase();
  if (!match || !kind || !(ALERT_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as AlertKind, label: match[2] ?? '' };
}

/** The incident's title in the screen's language ("紧急求助 · 巡逻03" for "SOS · 巡逻03"). */
export function incidentHeadline(incident: Incident, t: Translate): string {
  const parsed = alertKindOfTitle(incident.title);
  return parsed ? `${t(`alertKind.${parsed.kind}`)} · ${parsed.label}` : incident.title;
}
