// Node only: the bot's Fluent files read from disk (Workers bundle them as text modules instead).
import { readFileSync } from 'node:fs';
import type { Locale } from '../bot/i18n';

export function readLocaleSources(): Record<Locale, string> {
  const file = (name: string) =>
    readFileSync(new URL(`../bot/locales/${name}.ftl`, import.meta.url), 'utf8');
  return { 'zh-CN': file('zh-CN'), en: file('en') };
}
