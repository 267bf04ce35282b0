// The context every handler sees: grammY's, plus the update's database transaction, the user's
// texts, the instant the update arrived, and who the sender is in Zhucun.
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { Database } from '../db/database';
import type { Locale, Texts, Translate } from './i18n';

/** Who the sender is: a linked cadre, a linked supervisor, or nobody we know. */
export interface Sender {
  cadreId: number | null;
  userId: number | null;
}

export interface ZhucunFlavor {
  /** The transaction this update's effects and its update id are written in. */
  db: Database;
  locale: Locale;
  t: Translate;
  /** All texts, for messages to other people in their own language. */
  texts: Texts;
  /** When the update arrived; read from the clock once, at the edge. */
  now: Date;
  sender: Sender;
}

export type BotContext = ConversationFlavor<Context & ZhucunFlavor>;
/** Inside a conversation: plain context objects rebuilt on each replay, with texts re-attached. */
export type ConversationContext = Context & Pick<ZhucunFlavor, 'locale' | 't'>;
