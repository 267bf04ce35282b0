// `npm run build`: builds the PWA into web/dist now (npm start
// also builds it, but only when the build is missing or stale).
import { ensurePwaBuilt } from '../node-pwa';

await ensurePwaBuilt((line) => console.log(`[zhucun] ${line}`), { force: true });
