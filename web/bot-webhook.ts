// POST /bot/webhook: Telegram's deliveries. The secret-token header must match; the update is
// answered 200 only after its transaction committed (bot/exactly-once.ts), so a crash never loses one
// and a retry never counts one twice.
import type { Bot } from 'grammy';
import { Hono } from 'hono';
import type { BotContext } from '../bot/context';

export function botWebhook(bot: Bot<BotContext>, secret: string) {
  const app = new Hono();
  const expected = new TextEncoder().encode(secret);

  app.post('/bot/webhook', async (c) => {
    const given = new TextEncoder().encode(c.req.header('X-Telegram-Bot-Api-Secret-Token') ?? '');
    if (!sameBytes(given, expected)) {
      return c.json({ error: 'unauthorized', message: '密钥不正确 / Wrong secret token' }, 401);
    }
    const update = await c.req.json().catch(() => null);
    if (!update || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) {
      return c.json(
        { error: 'bad-request', message: '不是 Telegram 更新 / Not a Telegram update' },
        400,
      );
    }
    await bot.handleUpdate(update);
    return c.body(null, 200);
  });
  return app;
}

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response times. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i]!;
  return diff === 0;
}
