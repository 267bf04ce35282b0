// The PWA on Node: builds web/pwa into web/dist when the build is missing or older than its
// sources (so a fresh clone's `npm start` serves it), and reads the built files for pwa-routes.ts.
// A build goes to a scratch folder first and replaces web/dist in one rename, so a server never
// serves half a build and two processes starting at once do not tangle.
import { createHash } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetReader } from './pwa-routes';

const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(root, 'web', 'dist');
const STAMP = '.source-hash';

/** What the build depends on: the PWA's sources, the core it imports, the locked dependencies. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(root, path)).update('\0').update(readFileSync(path));
    }
  };
  walk(join(root, 'web', 'pwa'));
  walk(join(root, 'core'));
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

export function buildIsCurrent(): boolean {
  const stamp = join(distDir, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash();
}

/** Builds the PWA unless web/dist is current (or `force`); returns whether it built. */
export async function ensurePwaBuilt(
  log: (line: string) => void = () => {},
  options: { force?: boolean } = {},
): Promise<boolean> {
  if (!options.force && buildIsCurrent()) return false;
  const hash = sourceHash();
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error(
      '网页应用尚未构建，且未安装构建工具：请运行 npm ci。 / The PWA is not built and vite is not installed: run npm ci.',
    );
  }
  log('正在构建网页应用 / building the PWA (web/pwa → web/dist)…');
  const started = Date.now();
  const scratch = `${distDir}.building-${process.pid}`;
  // Always the production build, also under vitest (NODE_ENV=test would pull in preact/debug).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      configFile: join(root, 'web', 'pwa', 'vite.config.ts'),
      mode: 'production',
      build: { outDir: scratch, emptyOutDir: true },
      logLevel: 'warn',
    });
    writeFileSync(join(scratch, STAMP), hash);
    rmSync(distDir, { recursive: true, force: true });
    renameSync(scratch, distDir);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`网页应用已构建 / PWA built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Reads built files from web/dist; never outside it. */
export function nodeAssets(dir = distDir): AssetReader {
  return async (path) => {
    try {
      const file = normalize(join(dir, decodeURIComponent(path)));
      if (!file.startsWith(dir + sep) || file.endsWith(STAMP)) return undefined;
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': types[extname(file)] ?? 'application/octet-stream' },
      });
    } catch {
      return undefined;
    }
  };
}
