/*
 * The tablet as an installable web app: the app shell (HTML, scripts, styles, icons) is
 * served from the network when there is one and from this cache when there is not, so a
 * tablet that loses signal and reloads still opens (its queued commands live in localStorage).
 * Live data (/api, /socket.io, /ingest) is never cached: stale data must look stale.
 */
const CACHE = 'lianfang-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (/^\/(api|socket\.io|ingest|docs|metrics|healthz|readyz)(\/|$)/.test(url.pathname)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request.mode === 'navigate' ? '/index.html' : request, copy));
        }
        return response;
      })
      .catch(async () => (await caches.match(request.mode === 'navigate' ? '/index.html' : request)) ?? Response.error()),
  );
});
