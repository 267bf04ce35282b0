// The service worker: precaches the app shell (both entries, the offline page, icons), answers
// navigations from the cache so the app starts with no signal, caches a survey slip's GET for
// offline reopening, and posts the outbox on a Background Sync. A new deploy waits until the page
// asks it to take over ("update available" → reload), so nobody loses a half-filled form.
/// <reference lib="webworker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { flush, STALE_HEADER, SYNC_TAG } from './shared/outbox';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Villagers arrive at /s/<token>: the survey shell. Everything else is the supervisors' app. The
// API, the bot's webhook and the health check are never answered from the cache.
const notTheApp = [/^\/api\//, /^\/bot\//, /^\/dev\//, /^\/healthz/];
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/survey.html'), { allowlist: [/^\/s\//] }),
);
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/s\//, ...notTheApp],
  }),
);

// A survey slip opened once with signal opens again without: the network first, the last copy
// when there is none. Only the public slip, never a supervisor's data.
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.pathname.startsWith('/api/public/surveys/'),
  new NetworkFirst({ cacheName: 'survey-slips', networkTimeoutSeconds: 6 }),
);

// A supervisor's pages open offline with what was last loaded (the app says so in a banner): the
// network first, the last copy without it. Never kept: tips (their reading is audited, their
// content must not linger on a phone), the audit log, and the printable pages. Signing out
// deletes this cache (supervisor/app.tsx).
const SUPERVISOR_CACHE = 'supervisor-data';
const neverCached = [/^\/api\/public\//, /^\/api\/tips/, /^\/api\/audit/, /\/notice$/];
registerRoute(
  ({ url, request }) =>
    request.method === 'GET' &&
    url.pathname.startsWith('/api/') &&
    !neverCached.some((r) => r.test(url.pathname)),
  new NetworkFirst({
    cacheName: SUPERVISOR_CACHE,
    networkTimeoutSeconds: 8,
    // A copy from the cache says so, and the app shows that it is offline (shared/api.ts): a
    // phone's own "online" flag is often wrong on a weak signal.
    plugins: [
      { cachedResponseWillBeUsed: async ({ cachedResponse }) => markStale(cachedResponse) },
    ],
  }),
);

function markStale(response: Response | undefined): Response | undefined {
  if (!response) return undefined;
  const headers = new Headers(response.headers);
  headers.set(STALE_HEADER, '1');
  return new Response(response.body, { status: response.status, headers });
}

// A printable page from the server (the written notice, a QR sheet) opened with no signal gets the
// offline page instead of the browser's error.
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && notTheApp.some((r) => r.test(url.pathname)),
  new NetworkOnly(),
);
setCatchHandler(async ({ request }) =>
  request.destination === 'document'
    ? ((await matchPrecache('/offline.html')) ?? Response.error())
    : Response.error(),
);

// The first visit's page is controlled at once (a villager opens a slip once, maybe never again
// with signal). A new version still waits for the person's "update" (skipWaiting on message).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    flush().then(async (result) => {
      // Tell open pages, so a "waiting to send" notice turns into "sent".
      const pages = await self.clients.matchAll({ type: 'window' });
      for (const page of pages) page.postMessage({ type: 'outbox-flushed', result });
      // A rejected promise asks the browser to retry the sync later.
      if (result.waiting > 0) throw new Error('outbox: still waiting for the network');
    }),
  );
}) as EventListener);
