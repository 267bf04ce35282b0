// The server side of bench/api/run.ts, in a process of its own so that the load generator and the
// app do not share one event loop: the product's app on the benchmark's PostgreSQL, as `npm start`
// wires it (no bot, no PWA assets), with its clock held at the benchmark's day so that the deadlines
// it counts are the same on every run; plus one bare Hono route that only answers 200 (the floor of
// HTTP and routing on this machine). Prints `ready <port>` once it listens.
//   tsx bench/api/server.ts DATABASE_URL NOW(ISO)
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase } from '../../db/client';
import { createApp } from '../../web/app';
import { parseConfig } from '../../web/config';

const [url, now] = process.argv.slice(2);
if (!url || !now || Number.isNaN(Date.parse(now))) {
  throw new Error('usage: server.ts DATABASE_URL NOW');
}

const handle = await openDatabase({ url, maxConnections: 10 });
const config = parseConfig({ DATABASE_URL: url });
const at = new Date(now).getTime();
const root = new Hono();
root.get('/bench/bare', (c) => c.body(null, 200));
root.route(
  '/',
  createApp({ db: handle.db, config, driver: 'postgres', clock: () => new Date(at) }),
);

const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(`ready ${info.port}`),
);
// The load generator's kept-alive connections wait idle between measurements: were the server to
// close them after Node's default 5 s, a request sent at that moment would fail (socket hang up).
(server as Server).keepAliveTimeout = 10 * 60_000;
process.on('SIGTERM', async () => {
  await handle.close();
  process.exit(0);
});
