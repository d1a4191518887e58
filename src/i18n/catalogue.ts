// UI messages in English, Romanian and Italian, and the plain translate function (no React, so the
// server can seed templates in the map's language too). `{name}` placeholders are filled from params;
// a missing key falls back to English, then to the key itself. English is always here; Romanian and
// Italian are loaded when first chosen (each is ~9 kB gzipped that a browser in the other languages
// never needs): `loadLocale` before translating in them (the server loads all three at start).
// Keys are typed: a key built from a value (`lane.kind.${kind}`) typechecks only when every value
// of its type has a message, so no key is ever cast.
// English comes in two parts: en.ts, what the first screen can show (in the first load), and
// enLater.ts, the words of panels, dialogs and exports that load when opened (they await
// `loadLaterMessages`, which the app also starts as soon as it has drawn).
import { en, type MessageKey } from './en';
import { numberFormat } from './format';

export type Locale = 'en' | 'ro' | 'it';
export const LOCALE_LIST: readonly Locale[] = ['en', 'ro', 'it'];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ro: 'Română', it: 'Italiano' };
export type { MessageKey };
export type Params = Record<string, string | number>;
/** A translate function bound to one language (what `useT()` gives, and what the exports take). */
export type Translate = (key: MessageKey, params?: Params) => string;

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALE_LIST as readonly string[]).includes(value);

/** English as far as it is loaded: the first part at once, the rest after `loadLaterMessages`. */
const english: Record<string, string> = { ...en };
const loaded = new Map<Locale, Record<string, string>>([['en', english]]);
let later: Promise<void> | null = null;

/** The English words of what loads when opened (panels, dialogs, exports); once. */
export function loadLaterMessages(): Promise<void> {
  later ??= import('./enLater').then((m) => void Object.assign(english, m.enLater));
  return later;
}
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Record<string, string>>> = {
  ro: () => import('./ro').then((m) => m.ro),
  it: () => import('./it').then((m) => m.it),
};

/** Makes a language's messages available to `translate` (at once for English). */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' || loaded.has(locale)) return;
  loaded.set(locale, await loaders[locale]());
}

export const loadAllLocales = () => Promise.all([loadLaterMessages(), ...LOCALE_LIST.map(loadLocale)]).then(() => undefined);

/**
 * The message of `key` in `locale`, its `{name}` placeholders filled from params. A number is
 * written the language's way (1.250 in Romanian, as ICU MessageFormat writes a plain `{n}`); pass
 * codes and line numbers that must stay as they are as strings.
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const catalogue = loaded.get(locale) ?? english;
  let text = catalogue[key] ?? english[key] ?? key;
  if (params) {
    text = plurals(locale, text, params);
    // A replacer function: a value is inserted as typed ("$&" in a map title is no pattern).
    for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, () => (typeof v === 'number' ? numberFormat(locale).format(v) : v));
  }
  return text;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Plural forms, in the ICU MessageFormat subset our catalogues use:
 * `{n, plural, =0 {no cards} one {# card} few {# cards} other {# de carduri}}`. The form is the
 * one the language's plural rules (Intl.PluralRules: Romanian has one, few and other) choose for
 * the number; `#` is the number written the language's way (1.000 in Romanian;
 * Italian groups from 10.000 on, as CLDR has it).
 */
function plurals(locale: Locale, text: string, params: Params): string {
  const start = /\{(\w+), plural,/g;
  let out = '';
  let from = 0;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const forms = new Map<string, string>();
    let i = m.index + m[0].length;
    // Read `selector {text}` pairs up to the closing brace; form texts may hold {placeholders}.
    while (i < text.length) {
      while (text[i] === ' ') i++;
      if (text[i] === '}') break;
      const open = text.indexOf('{', i);
      if (open < 0) return text;
      const selector = text.slice(i, open).trim();
      let depth = 1;
      let j = open + 1;
      for (; j < text.length && depth; j++) depth += text[j] === '{' ? 1 : text[j] === '}' ? -1 : 0;
      forms.set(selector, text.slice(open + 1, j - 1));
      i = j;
    }
    const n = Number(params[m[1]!] ?? 0);
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other') ?? '';
    out += text.slice(from, m.index) + form.replaceAll('#', numberFormat(locale).format(n));
    from = i + 1;
    start.lastIndex = from;
  }
  return out + text.slice(from);
}
