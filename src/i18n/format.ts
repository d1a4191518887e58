// Numbers, percentages, sizes and dates written the interface language's way ("6,9 MB" and "5,05" in
// Italian, "42 %" in Romanian, "1 apr. 2026"), for everything the UI and the exports show. No React:
// the exports and the server use these too; React reaches them through `useT()` (t.locale, t.format).
// Intl formatters are costly to build and cheap to use, so each is made once per locale and options.
import type { Locale } from './catalogue';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The cached Intl.NumberFormat of a locale and options. */
export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** A number: "12,345.5" in English, "12.345,5" in Romanian and Italian. */
export const formatNumber = (locale: Locale, n: number, options?: Intl.NumberFormatOptions): string => numberFormat(locale, options).format(n);

/** A number with a sign unless it is zero: "+5", "-3", "0" (emotion scores, NPS, changes). */
export const formatSigned = (locale: Locale, n: number, options?: Intl.NumberFormatOptions): string =>
  numberFormat(locale, { ...options, signDisplay: 'exceptZero' }).format(n);

/** A fraction as a percentage: 0.42 → "42%" in English and Italian, "42 %" in Romanian. */
export const formatPercent = (locale: Locale, fraction: number, options?: Intl.NumberFormatOptions): string =>
  numberFormat(locale, { maximumFractionDigits: 0, ...options, style: 'percent' }).format(fraction);

const KB = 1024;
const MB = 1024 * 1024;

/** A size in bytes, in kB under a megabyte, else in MB, to one decimal: "6.9 MB", "6.0 MB", Italian "6,9 MB". */
export function formatBytes(locale: Locale, bytes: number): string {
  const [value, unit] = bytes < MB ? [bytes / KB, 'kilobyte'] : [bytes / MB, 'megabyte'];
  return numberFormat(locale, { style: 'unit', unit, minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

type When = number | Date;

/** A calendar day: "Apr 1, 2026", "1 apr. 2026", "1 apr 2026". */
export const formatDate = (locale: Locale, when: When): string => dateFormat(locale, { dateStyle: 'medium' }).format(when);

/**
 * A calendar day in a document made to be kept and passed on (the reports): the language's own
 * day in Romanian and Italian ("1 apr. 2026", "1 apr 2026"), ISO 8601 in English ("2026-04-01"),
 * which neither a US nor a UK reader misreads and which sorts as it reads.
 */
export function formatDay(locale: Locale, when: When): string {
  if (locale !== 'en') return formatDate(locale, when);
  const d = new Date(when);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A day and a time of day: "Apr 1, 2026, 2:05 PM", "1 apr. 2026, 14:05". */
export const formatDateTime = (locale: Locale, when: When): string => dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(when);

/** The formatters bound to one language, as `useT()` hands them to components. */
export interface Formats {
  number(n: number, options?: Intl.NumberFormatOptions): string;
  signed(n: number, options?: Intl.NumberFormatOptions): string;
  percent(fraction: number, options?: Intl.NumberFormatOptions): string;
  bytes(bytes: number): string;
  date(when: When): string;
  dateTime(when: When): string;
}

export function formatsFor(locale: Locale): Formats {
  return {
    number: (n, options) => formatNumber(locale, n, options),
    signed: (n, options) => formatSigned(locale, n, options),
    percent: (fraction, options) => formatPercent(locale, fraction, options),
    bytes: (bytes) => formatBytes(locale, bytes),
    date: (when) => formatDate(locale, when),
    dateTime: (when) => formatDateTime(locale, when),
  };
}
