// UI messages in English, Romanian and Italian. The chosen language is remembered in this browser.
// `t(key, params)` fills `{name}` placeholders; a missing key falls back to English, then to the key.
import { create } from 'zustand';
import { en, type MessageKey } from './en';
import { ro } from './ro';
import { it } from './it';

export const LOCALES = { en, ro, it } as const;
export type Locale = keyof typeof LOCALES;
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ro: 'Română', it: 'Italiano' };
export type { MessageKey };

const STORAGE_KEY = 'touchpoint.locale';

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored && stored in LOCALES) return stored as Locale;
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return browser && browser in LOCALES ? (browser as Locale) : 'en';
}

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: string, params?: Params): string {
  const catalogue = LOCALES[locale] as Record<string, string>;
  let text = catalogue[key] ?? (en as Record<string, string>)[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocale = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale: (locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type Translate = (key: MessageKey, params?: Params) => string;

const translators = new Map<Locale, Translate>();

/** The translate function for the current language (the same function until the language changes). */
export function useT(): Translate {
  const locale = useLocale((s) => s.locale);
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = (key, params) => translate(locale, key, params)));
  return t;
}
