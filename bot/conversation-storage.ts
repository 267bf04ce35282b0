// Conversation state in PostgreSQL (bot_sessions), written in the update's own transaction so any
// process or Worker can take the next update. Keys are an HMAC of the chat id: the table never
// holds a chat id, not even during a tip's conversation.
import type { ConversationData, VersionedStateStorage } from '@grammyjs/conversations';
import { eq } from 'drizzle-orm';
import { botSessions } from '../db/schema';
import type { BotContext } from './context';

export function conversationStorage(secret: string) {
  const keys = new Map<number, Promise<string>>();
  const keyOf = (chatId: number) => {
    let key = keys.get(chatId);
    if (!key) {
      key = hmac(secret, `conversation:${chatId}`);
      if (keys.size > 10_000) keys.clear();
      keys.set(chatId, key);
    }
    return key;
  };
  const adapter: VersionedStateStorage<BotContext, ConversationData> = {
    async read(ctx) {
      if (!ctx.chatId) return undefined;
      const [row] = await ctx.db
        .select({ value: botSessions.value })
        .from(botSessions)
        .where(eq(botSessions.key, await keyOf(ctx.chatId)));
      return row?.value as never;
    },
    async write(ctx, state) {
      if (!ctx.chatId) return;
      const key = await keyOf(ctx.chatId);
      await ctx.db
        .insert(botSessions)
        .values({ key, value: state, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: botSessions.key, set: { value: state, updatedAt: ctx.now } });
    },
    async delete(ctx) {
      if (!ctx.chatId) return;
      await ctx.db.delete(botSessions).where(eq(botSessions.key, await keyOf(ctx.chatId)));
    },
  };
  return { type: 'context' as const, version: 1, adapter };
}

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}
