// Languages: Simplified Chinese first, English on request. Each page keeps its own texts beside it
// (defineTexts checks that both languages have every key), so a screen reads top to bottom in one
// file and a survey phone never downloads the supervisors' words.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'zh-CN' | 'en';
export const langs: Lang[] = ['zh-CN', 'en'];

const STORAGE_KEY = 'zhucun-lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // Storage blocked (private mode): Chinese, the default.
  }
  return 'zh-CN';
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; still switched for this visit.
  }
  document.documentElement.lang = lang;
}

export const LangContext = createContext<Lang>('zh-CN');

type Params = Record<string, string | number>;
export type Texts<K extends string> = Record<Lang, Record<K, string>>;

/** Both languages with the same keys; `{name}` placeholders are filled by t(). */
export function defineTexts<K extends string>(zh: Record<K, string>, en: Record<K, string>) {
  return { 'zh-CN': zh, en } as Texts<K>;
}

export function translate<K extends string>(texts: Texts<K>, lang: Lang, key: K, params?: Params) {
  const text = texts[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

/** The page's t(key, params) in the current language. */
export function useTexts<K extends string>(texts: Texts<K>) {
  const lang = useContext(LangContext);
  return Object.assign((key: K, params?: Params) => translate(texts, lang, key, params), { lang });
}
