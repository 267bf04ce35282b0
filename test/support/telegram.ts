// Telegram faked at the HTTP layer: a `fetch` for grammY's client that answers Bot API methods
// the way Telegram does and records every call. Conversations inherit it, as they use the same client.
import type { UserFromGetMe } from 'grammy/types';

export const botInfo: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: '驻村助手',
  username: 'zhucun_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export function fakeTelegram() {
  const calls: ApiCall[] = [];
  let messageId = 1000;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf('/') + 1);
    const payload = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    calls.push({ method, payload });
    let result: unknown = true;
    if (method === 'getMe') result = botInfo;
    if (method === 'sendMessage' || method === 'editMessageText') {
      result = {
        message_id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: payload.chat_id, type: 'private' },
        text: payload.text,
      };
    }
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    calls,
    /** Texts the bot sent to a chat, in order. */
    sent(chatId?: number): string[] {
      return calls
        .filter(
          (c) =>
            c.method === 'sendMessage' && (chatId === undefined || c.payload.chat_id === chatId),
        )
        .map((c) => String(c.payload.text));
    },
    clear() {
      calls.length = 0;
    },
  };
}

/** Builds updates the way Telegram sends them, from one private chat. */
export function chatWith(user: { id: number; language_code?: string }, clock: () => Date) {
  let updateId = Math.floor(Math.random() * 1e6) * 1000;
  let messageId = 1;
  const from = {
    id: user.id,
    is_bot: false,
    first_name: '测试',
    language_code: user.language_code ?? 'zh-hans',
  };
  const chat = { id: user.id, type: 'private' as const, first_name: '测试' };
  const message = (extra: Record<string, unknown>, secondsAgo = 0) => ({
    update_id: ++updateId,
    message: {
      message_id: ++messageId,
      date: Math.floor(clock().getTime() / 1000) - secondsAgo,
      chat,
      from,
      ...extra,
    },
  });
  return {
    text: (text: string) =>
      message(
        text.startsWith('/')
          ? {
              text,
              entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
            }
          : { text },
      ),
    location: (
      latitude: number,
      longitude: number,
      extra: Record<string, unknown> = {},
      secondsAgo = 0,
    ) => message({ location: { latitude, longitude, ...extra } }, secondsAgo),
    message,
    callback: (data: string) => ({
      update_id: ++updateId,
      callback_query: {
        id: String(++messageId),
        from,
        chat_instance: '1',
        data,
        message: {
          message_id: messageId,
          date: Math.floor(clock().getTime() / 1000),
          chat,
          text: '…',
        },
      },
    }),
  };
}
