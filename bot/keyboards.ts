// The reply keyboards: one tap to check in (the button asks Telegram for the location).
import { Keyboard } from 'grammy';
import type { Translate } from './i18n';

export function cadreKeyboard(t: Translate): Keyboard {
  return new Keyboard()
    .requestLocation(t('button-checkin'))
    .row()
    .text(t('button-diary'))
    .text(t('button-leave'))
    .text(t('button-me'))
    .resized()
    .persistent();
}

export function guestKeyboard(t: Translate): Keyboard {
  return new Keyboard().text(t('button-report')).resized();
}
