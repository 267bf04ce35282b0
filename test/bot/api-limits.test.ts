// Pacing and 429 retries of the bot's outgoing calls, with the clock and sleep injected (no timing).
import { describe, expect, it } from 'vitest';
import { apiLimits } from '../../bot/api-limits';

type Prev = Parameters<ReturnType<typeof apiLimits>>[0];

function harness(
  answers: ({ ok: true } | { ok: false; error_code: number; retry_after?: number })[],
) {
  let clock = 0;
  const slept: number[] = [];
  const calls: string[] = [];
  const transformer = apiLimits({
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
  });
  const prev = (async (method: string) => {
    calls.push(method);
    const answer = answers.shift() ?? { ok: true };
    if (answer.ok) return { ok: true, result: true };
    return {
      ok: false,
      error_code: answer.error_code,
      description: 'Too Many Requests',
      parameters:
        answer.retry_after === undefined ? undefined : { retry_after: answer.retry_after },
    };
  }) as unknown as Prev;
  const send = (chat: number) =>
    transformer(prev, 'sendMessage', { chat_id: chat, text: 'x' } as never);
  return { send, slept, calls, transformer, prev };
}

describe('the bot’s outgoing limits', () => {
  it('waits and retries when Telegram answers 429 with retry_after', async () => {
    const h = harness([{ ok: false, error_code: 429, retry_after: 3 }, { ok: true }]);
    const result = await h.send(1);
    expect(result.ok).toBe(true);
    expect(h.calls).toEqual(['sendMessage', 'sendMessage']);
    expect(h.slept).toContain(3000);
  });

  it('gives up after three retries, and at once on other errors', async () => {
    const busy = { ok: false as const, error_code: 429, retry_after: 1 };
    const h = harness([busy, busy, busy, busy, busy]);
    expect((await h.send(1)).ok).toBe(false);
    expect(h.calls).toHaveLength(4);
    const forbidden = harness([{ ok: false, error_code: 403 }]);
    expect((await forbidden.send(1)).ok).toBe(false);
    expect(forbidden.calls).toHaveLength(1);
  });

  it('keeps one second between two messages to the same chat, but not between chats', async () => {
    const h = harness([]);
    await h.send(1);
    await h.send(2);
    expect(h.slept.filter((ms) => ms >= 900)).toEqual([]);
    await h.send(1);
    expect(h.slept.at(-1)).toBeGreaterThanOrEqual(900);
  });

  it('sends at most 30 messages a second overall', async () => {
    const h = harness([]);
    for (let chat = 0; chat < 60; chat++) await h.send(chat);
    const total = h.slept.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(1900);
  });

  it('does not pace calls that send nothing', async () => {
    const h = harness([]);
    for (let i = 0; i < 5; i++) await h.transformer(h.prev, 'getMe', {} as never);
    expect(h.slept).toEqual([]);
  });
});
