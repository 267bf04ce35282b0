// Telegram's limits on the bot's own messages: about 30 a second overall and one a second per chat;
// past them Telegram answers 429 with `retry_after`. This transformer paces sends and retries 429s,
// so a burst of notifications (a month close, a county's reminders) arrives instead of failing.
// Per process, like the limits' own accounting at Telegram's side is per bot.
import type { Transformer } from 'grammy';

export interface ApiLimitOptions {
  /** Messages a second, all chats together. */
  perSecond?: number;
  /** Minimum milliseconds between two messages to the same chat. */
  perChatIntervalMs?: number;
  /** Retries of a call answered 429. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this is returned to the caller instead. */
  maxRetryAfterSeconds?: number;
  /** Injected in tests; real timers otherwise. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const SENDING = /^(send|copy|forward)/;

export function apiLimits(options: ApiLimitOptions = {}): Transformer {
  const perSecond = options.perSecond ?? 30;
  const perChat = options.perChatIntervalMs ?? 1000;
  const maxRetries = options.maxRetries ?? 3;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => Date.now());

  // The next moment a message may leave, overall and per chat: reserving a slot is synchronous,
  // so concurrent sends queue up in order without a lock.
  let nextGlobal = 0;
  const nextByChat = new Map<string, number>();
  const reserve = (chat: string): number => {
    const t = now();
    const at = Math.max(t, nextGlobal, nextByChat.get(chat) ?? 0);
    nextGlobal = at + 1000 / perSecond;
    nextByChat.set(chat, at + perChat);
    if (nextByChat.size > 50_000) {
      for (const [key, until] of nextByChat) if (until < t) nextByChat.delete(key);
    }
    return at - t;
  };

  return async (prev, method, payload, signal) => {
    const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    for (let attempt = 0; ; attempt++) {
      if (SENDING.test(method) && chat !== undefined) {
        const wait = reserve(String(chat));
        if (wait > 0) await sleep(wait);
      }
      const result = await prev(method, payload, signal);
      const retryAfter = !result.ok ? result.parameters?.retry_after : undefined;
      if (
        result.ok ||
        result.error_code !== 429 ||
        retryAfter === undefined ||
        retryAfter > maxRetryAfter ||
        attempt >= maxRetries
      ) {
        return result;
      }
      // Telegram says how long to wait; everyone waits, not just this call.
      nextGlobal = Math.max(nextGlobal, now() + retryAfter * 1000);
      await sleep(retryAfter * 1000);
    }
  };
}
