// The UI's language: the chosen one is remembered in this browser; `useT()` translates with it and
// `useFormat()` writes numbers, percentages, sizes and dates its way.
import { create } from 'zustand';
import { isLocale, loadLocale, translate, type Locale, type Translate } from './catalogue';
import { formatsFor, type Formats } from './format';

export { LOCALE_LIST, LOCALE_NAMES, translate, isLocale, loadLocale, type Locale, type MessageKey, type Params, type Translate } from './catalogue';
export { formatBytes, formatDate, formatDateTime, formatDay, formatNumber, formatPercent, formatSigned, formatsFor, type Formats } from './format';

const STORAGE_KEY = 'touchpoint.locale';

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocale = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale: (locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    // The interface switches once the language's messages are here (a moment, the first time).
    void loadLocale(locale).then(() => {
      document.documentElement.lang = locale;
      set({ locale });
    });
  },
}));

const translators = new Map<Locale, Translate>();

/** The translate function for the current language (the same function until the language changes). */
export function useT(): Translate {
  const locale = useLocale((s) => s.locale);
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = (key, params) => translate(locale, key, params)));
  return t;
}

const formats = new Map<Locale, Formats>();

/** The number and date formatters of the current language (the same object until it changes). */
export function useFormat(): Formats {
  const locale = useLocale((s) => s.locale);
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = formatsFor(locale)));
  return f;
}
