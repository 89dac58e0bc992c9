import type { Grid, Incident } from '@lianfang/shared';

export interface Notification {
  incident: Incident;
  level: Incident['level'];
  contacts: Grid['contacts'];
  reason: string;
}

/** Where escalations go besides the screens (which get them as events): SMS gateways, webhooks, pagers. */
export interface Notifier {
  notify(n: Notification): Promise<void>;
}

/** Posts each notification as JSON to a webhook (an SMS gateway, a chat bot); failures never block the command. */
export class WebhookNotifier implements Notifier {
  constructor(private readonly url: string) {}
  async notify(n: Notification): Promise<void> {
    await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(5000),
      body: JSON.stringify({ incidentId: n.incident.id, title: n.incident.title, level: n.level, reason: n.reason, contacts: n.contacts }),
    });
  }
}

/** In-app only: the escalation reaches the screens as an incident event and the timeline. */
export class InAppNotifier implements Notifier {
  readonly sent: Notification[] = [];
  async notify(n: Notification): Promise<void> {
    this.sent.push(n);
    if (this.sent.length > 100) this.sent.shift();
  }
}
