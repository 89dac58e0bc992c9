/** Suggested Traccar Client interval on patrol: fresh enough for ETAs, easy on the battery. */
export const SUGGESTED_INTERVAL_SECONDS = 10;

/**
 * What the enrolment QR code holds: the server URL with the device identifier and interval as
 * query parameters, the form Traccar Client's QR scanner reads its settings from (and a URL a
 * person can type). The base is this server as the phone reaches it: the console's own origin.
 */
export function enrolmentUrl(origin: string, trackerId: string, intervalSeconds = SUGGESTED_INTERVAL_SECONDS): string {
  const url = new URL('/ingest/osmand', origin);
  url.searchParams.set('id', trackerId);
  url.searchParams.set('interval', String(intervalSeconds));
  return url.toString();
}
