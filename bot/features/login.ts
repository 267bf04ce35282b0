// /login: a one-time sign-in link to the supervisors' app for a supervisor linked to Telegram,
// valid for five minutes (issue #5). The token travels in the link's fragment, which browsers do not
// send to servers or proxies; the app posts it to /api/session/link.
import { Composer } from 'grammy';
import { sha256Hex } from '../../db/queries/invitations';
import { loginTokens } from '../../db/schema';
import type { BotContext } from '../context';

export const LOGIN_LINK_MINUTES = 5;

export function login(webUrl: string | undefined) {
  const feature = new Composer<BotContext>();
  feature.chatType('private').command('login', async (ctx) => {
    if (!ctx.sender.userId) return ctx.reply(ctx.t('login-not-supervisor'));
    if (!webUrl) return ctx.reply(ctx.t('login-unavailable'));
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const token = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    await ctx.db.insert(loginTokens).values({
      tokenHash: await sha256Hex(token),
      userId: ctx.sender.userId,
      expiresAt: new Date(ctx.now.getTime() + LOGIN_LINK_MINUTES * 60_000),
    });
    return ctx.reply(
      ctx.t('login-link', { link: `${webUrl}/login#${token}`, minutes: LOGIN_LINK_MINUTES }),
      {
        link_preview_options: { is_disabled: true },
      },
    );
  });
  return feature;
}
