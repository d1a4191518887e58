// UI messages in English, Romanian and Italian, and the plain translate function (no React, so the
// server can seed templates in the map's language too). `{name}` placeholders are filled from params;
// a missing key falls back to English, then to the key itself.
import { en, type MessageKey } from './en';
import { ro } from './ro';
import { it } from './it';

export const LOCALES = { en, ro, it } as const;
export type Locale = keyof typeof LOCALES;
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ro: 'Română', it: 'Italiano' };
export type { MessageKey };
export type Params = Record<string, string | number>;

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && value in LOCALES;

export function translate(locale: Locale, key: string, params?: Params): string {
  const catalogue = LOCALES[locale] as Record<string, string>;
  let text = catalogue[key] ?? (en as Record<string, string>)[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}
