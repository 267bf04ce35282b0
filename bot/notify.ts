// Messages the bot starts: to approvers and to cadres, each in the receiver's own language.
import { InlineKeyboard, type Api } from 'grammy';
import type { Texts } from './i18n';

export interface Receiver {
  telegramUserId: number;
  languageCode: string | null;
}

/** Sends to one receiver; a blocked bot or a deleted chat must not undo the sender's transaction. */
export async function notify(
  api: Api,
  texts: Texts,
  receiver: Receiver,
  message: (t: ReturnType<Texts['translator']>) => { text: string; keyboard?: InlineKeyboard },
): Promise<boolean> {
  const t = texts.translator(texts.negotiate(receiver.languageCode ?? undefined));
  const { text, keyboard } = message(t);
  try {
    await api.sendMessage(receiver.telegramUserId, text, keyboard ? { reply_markup: keyboard } : {});
    return true;
  } catch (error) {
    console.warn(`notify: could not reach a chat: ${(error as Error).message}`);
    return false;
  }
}
