// Registers the service worker and reports a new deploy: the new worker waits until the person
// taps "update", then takes over and the page reloads once. Also asks for a Background Sync of the
// outbox where the browser has it; elsewhere the pages flush it when they open or come online.
import { Workbox } from 'workbox-window';
import { SYNC_TAG } from './outbox';

let workbox: Workbox | undefined;

export function registerServiceWorker(onUpdateReady: (apply: () => void) => void): void {
  if (!('serviceWorker' in navigator)) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  const wb = workbox;
  wb.addEventListener('waiting', () =>
    onUpdateReady(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    }),
  );
  void wb.register();
}

interface SyncManager {
  register(tag: string): Promise<void>;
}

/** Asks the browser to post the outbox when the network is back; false where it cannot. */
export async function requestSync(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  try {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync?: SyncManager;
    };
    if (!registration.sync) return false;
    await registration.sync.register(SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}

/** Runs `handler` when the service worker reports a flush of the outbox. */
export function onOutboxFlushed(handler: () => void): () => void {
  if (!('serviceWorker' in navigator)) return () => {};
  const listener = (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === 'outbox-flushed') handler();
  };
  navigator.serviceWorker.addEventListener('message', listener);
  return () => navigator.serviceWorker.removeEventListener('message', listener);
}
