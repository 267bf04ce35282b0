// Exactly-once handling: each update runs in one transaction that also records its update id, so a
// retried delivery is acknowledged without acting twice, and a failure leaves nothing half-saved.
import type { Middleware } from 'grammy';
import type { Database } from '../db/database';
import { processedUpdates } from '../db/schema';
import type { BotContext } from './context';

export function exactlyOnce(
  db: Database,
  onFault: (ctx: BotContext, error: unknown) => Promise<void>,
): Middleware<BotContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    try {
      await db.transaction(async (tx) => {
        const fresh = await tx
          .insert(processedUpdates)
          .values({ updateId })
          .onConflictDoNothing()
          .returning({ updateId: processedUpdates.updateId });
        if (fresh.length === 0) return; // delivered before: already handled
        ctx.db = tx;
        await next();
      });
    } catch (error) {
      // The transaction rolled back. Record the update as handled, so a deterministic fault does
      // not come back with every retry, then tell the user. If even that fails (database down),
      // the error propagates and the webhook answers 500, so Telegram delivers it again later.
      await db.insert(processedUpdates).values({ updateId }).onConflictDoNothing();
      ctx.db = db;
      await onFault(ctx, error);
    }
  };
}
