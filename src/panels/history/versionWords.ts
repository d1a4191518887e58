// How a version is said: its name, or the time it was taken; why the server took an automatic one;
// who edited since the one before ("Ana, Marco and Ioana", in the reader's language).
import type { Formats, Translate } from '../../i18n';
import type { Version } from '../../store/versionsClient';

/** A version in a sentence: "Q3 baseline", or "the version of 12 Nov 2026, 14:03". */
export const versionName = (t: Translate, format: Formats, v: Pick<Version, 'name' | 'createdAt'>): string =>
  v.name ?? t('history.versionOf', { date: format.dateTime(v.createdAt) });

/** A version as a phrase of its own: "“Q3 baseline”" (in the language's quotes), or "the version of …". */
export const versionPhrase = (t: Translate, format: Formats, v: Pick<Version, 'name' | 'createdAt'>): string =>
  v.name ? t('history.quoted', { name: v.name }) : t('history.versionOf', { date: format.dateTime(v.createdAt) });

/** Why an automatic version was taken. */
export function reasonText(t: Translate, v: Version): string {
  switch (v.reason) {
    case 'interval':
      return t('history.reason.interval');
    case 'beforeReplace':
      return t('history.reason.beforeReplace');
    case 'beforeRestore':
      return t('history.reason.beforeRestore');
    case 'named':
    case 'quiet':
      return t('history.reason.quiet');
  }
}

const lists = new Map<string, Intl.ListFormat>();

/** Names as a list of the reader's language: "Ana, Marco and Ioana", "Ana, Marco și Ioana". */
export function nameList(locale: string, names: readonly string[]): string {
  let list = lists.get(locale);
  if (!list) lists.set(locale, (list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  return list.format(names);
}
