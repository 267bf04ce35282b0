// The server side of bench/checkin/run.ts, in a process of its own: the product's app on the
// benchmark's PostgreSQL with the bot on its webhook, exactly as `npm start` wires it, plus one bare
// Hono route that only answers 200 (the floor of HTTP and routing on this machine). Telegram is
// the one thing faked: its answers come at once, in this process.
//   tsx bench/checkin/server.ts DATABASE_URL PORT WEBHOOK_SECRET
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { UserFromGetMe } from 'grammy/types';
import { createBot } from '../../bot/bot';
import { loadTexts } from '../../bot/i18n';
import { openDatabase } from '../../db/client';
import { createApp } from '../../web/app';
import { parseConfig } from '../../web/config';
import { readLocaleSources } from '../../web/node-texts';

const [url, port, secret] = process.argv.slice(2);
if (!url || !port || !secret) throw new Error('usage: server.ts DATABASE_URL PORT WEBHOOK_SECRET');

const botInfo = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: '驻村助手',
  username: 'zhucun_bench_bot',
} as UserFromGetMe;

/** Telegram answering every call at once: sendMessage with the message it would have sent. */
let messageId = 0;
const telegram = (async (_input: RequestInfo | URL, init?: RequestInit) => {
  const payload = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
  const result = {
    message_id: ++messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: payload.chat_id, type: 'private' },
    text: payload.text,
  };
  return new Response(JSON.stringify({ ok: true, result }), {
    headers: { 'content-type': 'application/json' },
  });
}) as typeof fetch;

const handle = await openDatabase({ url, maxConnections: 10 });
const config = parseConfig({ DATABASE_URL: url, TELEGRAM_WEBHOOK_SECRET: secret });
const bot = createBot({
  token: '123456789:bench-token-abcdefghijklmnopqrstuvwxyz',
  db: handle.db,
  texts: loadTexts(readLocaleSources()),
  sessionSecret: 'bench-session-secret-0123456789abcdef',
  botInfo,
  fetch: telegram,
});
const root = new Hono();
root.post('/bench/bare', (c) => c.body(null, 200));
root.route('/', createApp({ db: handle.db, config, driver: 'postgres', bot }));

const server = serve({ fetch: root.fetch, port: Number(port), hostname: '127.0.0.1' }, () =>
  console.log('ready'),
);
process.on('SIGTERM', () => {
  // Not process.exit() at once: a CPU profile is written on a normal exit only.
  server.close();
  void handle.close();
});
