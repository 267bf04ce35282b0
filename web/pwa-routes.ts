// Serving the PWA's build (web/dist) from the Hono app on any runtime: the entry passes a reader
// of the built files (Node: the file system, web/node-pwa.ts; Workers: the assets binding). Survey
// links (/s/<token>) get the villagers' page, every other app path the supervisors' shell; hashed
// assets are cached for a year, the shells and the service worker never, so a deploy shows at once.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** A built file by its path ('/index.html'), or undefined when there is none. */
export type AssetReader = (path: string) => Promise<Response | undefined>;

const notTheApp = /^\/(api|bot|dev)(\/|$)|^\/healthz$/;
const shells = new Set([
  '/index.html',
  '/survey.html',
  '/offline.html',
  '/sw.js',
  '/manifest.webmanifest',
]);

export function pwaRoutes(read: AssetReader) {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
      // The survey reads the question aloud and the inspection form may ask for a photo; nothing
      // else of the device is used.
      permissionsPolicy: { camera: ['self'], microphone: [], geolocation: ['self'] },
    }),
  );

  const send = async (path: string) => {
    const file = await read(path);
    if (!file) return undefined;
    const headers = new Headers(file.headers);
    headers.set(
      'cache-control',
      shells.has(path)
        ? 'no-cache'
        : path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=86400',
    );
    return new Response(file.body, { status: 200, headers });
  };

  app.get('/s/:token', async (c) => (await send('/survey.html')) ?? c.notFound());
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (notTheApp.test(path)) return next();
    const file = path === '/' ? undefined : await send(path);
    if (file) return file;
    // A page of the app (/cases/12): its shell; a missing file with an extension is a real 404.
    if (/\.[a-z0-9]+$/i.test(path)) return next();
    return (await send('/index.html')) ?? next();
  });
  return app;
}
