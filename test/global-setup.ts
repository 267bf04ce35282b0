// Before any suite: the PWA is built once (when stale), so the browser tests and the spawned
// `npm start` find a current web/dist and no two workers build at once.
import { ensurePwaBuilt } from '../web/node-pwa';

export default async function setup(): Promise<void> {
  await ensurePwaBuilt((line) => console.log(`[global-setup] ${line}`));
}
