// Texts users see, from Fluent files (locales/zh-CN.ftl first, en.ftl second). The runtime entry
// passes the files' sources in, so the same code runs on Node and Workers.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Translate = (key: string, args?: Record<string, FluentVariable>) => string;

export class MissingTextError extends Error {
  override name = 'MissingTextError';
}

export interface Texts {
  translator(locale: Locale): Translate;
  /** zh-CN for Chinese (and unknown) languages, English for the rest of the world. */
  negotiate(languageCode: string | undefined): Locale;
}

export function loadTexts(sources: Record<Locale, string>): Texts {
  const bundles = {} as Record<Locale, FluentBundle>;
  for (const locale of locales) {
    const bundle = new FluentBundle(locale, { useIsolating: false });
    const errors = bundle.addResource(new FluentResource(sources[locale]));
    if (errors.length > 0) throw new MissingTextError(`${locale}.ftl: ${errors[0]!.message}`);
    bundles[locale] = bundle;
  }
  // Every key must exist in both languages: a missing one is a bug caught at start, not in a chat.
  for (const [a, b] of [
    ['zh-CN', 'en'],
    ['en', 'zh-CN'],
  ] as const) {
    for (const id of (
      bundles[a] as unknown as { _messages: Map<string, unknown> }
    )._messages.keys()) {
      if (!bundles[b].hasMessage(id)) throw new MissingTextError(`${b}.ftl lacks "${id}"`);
    }
  }
  return {
    translator(locale) {
      const bundle = bundles[locale];
      return (key, args) => {
        const message = bundle.getMessage(key);
        if (!message?.value) throw new MissingTextError(`no text "${key}" in ${locale}`);
        return bundle.formatPattern(message.value, args);
      };
    },
    negotiate(languageCode) {
      if (!languageCode || languageCode.toLowerCase().startsWith('zh')) return 'zh-CN';
      return 'en';
    },
  };
}
