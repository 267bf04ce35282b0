// Nightly housekeeping of the bot's tables: update ids kept for exactly-once handling only as long as
// Telegram may deliver an update again, and anonymous tip conversations abandoned half-way, whose
// stored updates hold the tipster's Telegram user id (architecture.md: tips are anonymous).
import { and, lt, sql } from 'drizzle-orm';
import { botSessions, processedUpdates } from '../../db/schema';
import type { Job } from './job';

/**
 * Days an update id is kept. Telegram keeps an undelivered update at most 24 hours (Bot API,
 * getUpdates: "will not be kept longer than 24 hours") and retries a failed webhook delivery
 * within that time, so a week is ample for bot/exactly-once.ts; and after a week without updates
 * Telegram picks the next update id at random, which old ids kept forever could then collide with.
 */
export const PROCESSED_UPDATE_DAYS = 7;

/**
 * Hours an unfinished tip conversation is kept: the report's own wait (bot/features/tips.ts
 * REPORT_WAIT_MS, 24 h; a follow-up waits 1 h). The plugin drops one that waited longer only when
 * the same chat writes again, which may be never: until then its stored updates name the tipster.
 */
export const TIP_CONVERSATION_HOURS = 24;

/** The conversations of bot/features/tips.ts (createConversation ids): anonymous, never kept. */
export const TIP_CONVERSATIONS = ['report', 'tip-followup'] as const;

export const housekeeping: Job = {
  name: 'housekeeping',
  description:
    '夜间清理：删除7天前的已处理更新编号，以及超过24小时未完成的匿名举报对话（含举报人的账号）/ nightly: prune update ids older than 7 days, and tip conversations left unfinished for 24 hours',
  rule: 'FREQ=DAILY;BYHOUR=3;BYMINUTE=0',
  catchUpMinutes: 24 * 60,
  async run(ctx) {
    const updatesBefore = new Date(ctx.now.getTime() - PROCESSED_UPDATE_DAYS * 86_400_000);
    const pruned = await ctx.db
      .delete(processedUpdates)
      .where(lt(processedUpdates.processedAt, updatesBefore))
      .returning({ updateId: processedUpdates.updateId });

    // bot_sessions holds conversation state only (bot/conversation-storage.ts), under an HMAC of
    // the chat id: { version, state: { <conversation id>: [...] } }. A row may hold a cadre's
    // leave conversation beside a tip: only the tip's part goes, and the row only when nothing
    // else is left in it.
    const staleBefore = new Date(ctx.now.getTime() - TIP_CONVERSATION_HOURS * 3_600_000);
    const state = sql`(${botSessions.value} -> 'state')`;
    const holdsTip = sql.join(
      TIP_CONVERSATIONS.map((id) => sql`${state} -> ${id}::text is not null`),
      sql` or `,
    );
    const withoutTips = sql`(${state} - ${sql.join(
      TIP_CONVERSATIONS.map((id) => sql`${id}::text`),
      sql` - `,
    )})`;
    const stale = and(lt(botSessions.updatedAt, staleBefore), sql`(${holdsTip})`);
    const deleted = await ctx.db
      .delete(botSessions)
      .where(and(stale, sql`${withoutTips} = '{}'::jsonb`))
      .returning({ key: botSessions.key });
    const trimmed = await ctx.db
      .update(botSessions)
      .set({ value: sql`jsonb_set(${botSessions.value}, '{state}', ${withoutTips})` })
      .where(stale)
      .returning({ key: botSessions.key });
    return {
      processedUpdates: pruned.length,
      tipConversations: deleted.length + trimmed.length,
    };
  },
};
