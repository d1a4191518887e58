// The Romanian and Italian catalogues must match the English one key for key and placeholder for
// placeholder, be actually translated, and every template message key must exist.
import { describe, it, expect } from 'vitest';
import { templateMessageKeys } from '../journey/templates';
import { allEnglish as en } from './allEnglish';
import { it as itMessages } from './it';
import { ro } from './ro';

const EN = en as Record<string, string>;
const TRANSLATIONS: [string, Record<string, string>][] = [
  ['ro', ro],
  ['it', itMessages],
];

/** English values that may legitimately stay the same in another language. */
const MAY_EQUAL_ENGLISH = new Set(['App', 'Chat', 'Web', 'E-mail', 'Agent', 'n = {n}', 'NPS', '{root} / {key}: {reason}']);

interface Plural {
  name: string;
  /** Selector (`one`, `few`, `other`, `=0`…) → form text. */
  forms: Map<string, string>;
}

/**
 * A message's `{placeholders}` and `{n, plural, …}` blocks, read as catalogue.ts's translate reads
 * them. A form's own braces (`one {# card}`, `=0 {nobody}`) are not placeholders; the
 * `{placeholders}` inside a form are. Throws on a plural block that is not closed.
 */
function parse(text: string): { placeholders: string[]; plurals: Plural[] } {
  const names = new Set<string>();
  const plurals: Plural[] = [];
  const plain = (part: string) => {
    for (const m of part.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  };
  const start = /\{(\w+), plural,/g;
  let from = 0;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    plain(text.slice(from, m.index));
    names.add(m[1]!);
    const forms = new Map<string, string>();
    let i = m.index + m[0].length;
    for (;;) {
      while (text[i] === ' ') i++;
      if (i >= text.length) throw new Error(`unclosed plural block of {${m[1]}} in: ${text}`);
      if (text[i] === '}') break;
      const open = text.indexOf('{', i);
      if (open < 0) throw new Error(`plural form without text after “${text.slice(i)}” in: ${text}`);
      let depth = 1;
      let j = open + 1;
      for (; j < text.length && depth; j++) depth += text[j] === '{' ? 1 : text[j] === '}' ? -1 : 0;
      if (depth) throw new Error(`unclosed plural form in: ${text}`);
      const form = text.slice(open + 1, j - 1);
      forms.set(text.slice(i, open).trim(), form);
      plain(form);
      i = j;
    }
    plurals.push({ name: m[1]!, forms });
    from = i + 1;
    start.lastIndex = from;
  }
  plain(text.slice(from));
  return { placeholders: [...names].sort(), plurals };
}

const placeholders = (text: string) => parse(text).placeholders;

/** "card(s)", "carduri(le)", "scheda/e", "bucla/e": the counts the catalogues used to fake. */
const PSEUDO_PLURAL = /\p{L}\((?:s|es|e|i|a|le|ri|uri|ele|ii)\)|\p{L}\/(?:s|es|e|i|a|le|ri|uri|ele|ii)(?!\p{L})/iu;

describe('English catalogue', () => {
  it('has no empty values', () => {
    for (const [key, value] of Object.entries(EN)) expect(value.trim(), key).not.toBe('');
  });

  it('contains every message key the templates use', () => {
    const keys = templateMessageKeys();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(EN, key).toHaveProperty([key]);
  });
});

describe.each(TRANSLATIONS)('%s catalogue', (_locale, messages) => {
  it('has exactly the English keys', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(EN).sort());
  });

  it('has no empty values', () => {
    for (const [key, value] of Object.entries(messages)) expect(value.trim(), key).not.toBe('');
  });

  it('uses exactly the placeholders of the English value', () => {
    for (const [key, value] of Object.entries(EN)) expect(placeholders(messages[key] ?? ''), key).toEqual(placeholders(value));
  });

  it('is translated: at least 90% of the values differ from English', () => {
    const comparable = Object.keys(EN).filter((key) => !MAY_EQUAL_ENGLISH.has(EN[key]!));
    const translated = comparable.filter((key) => messages[key] !== EN[key]);
    expect(comparable.length).toBeGreaterThan(200);
    expect(translated.length / comparable.length).toBeGreaterThanOrEqual(0.9);
  });

  it('counts with a plural block wherever English does', () => {
    for (const [key, value] of Object.entries(EN)) {
      const english = parse(value).plurals.map((p) => p.name);
      const translated = new Set(parse(messages[key] ?? '').plurals.map((p) => p.name));
      for (const name of english) expect(translated.has(name), `${key}: {${name}, plural, …}`).toBe(true);
    }
  });
});

describe.each([['en', EN] as const, ...TRANSLATIONS])('%s plurals', (locale, messages) => {
  const categories = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);

  it('has no pseudo-plurals like “card(s)” or “carduri(le)”: counts use {n, plural, …}', () => {
    for (const [key, value] of Object.entries(messages)) expect(value, key).not.toMatch(PSEUDO_PLURAL);
  });

  it('writes every plural block with an other form and only the language’s own categories', () => {
    for (const [key, value] of Object.entries(messages)) {
      for (const { name, forms } of parse(value).plurals) {
        const where = `${key}: {${name}, plural, …}`;
        expect(forms.has('other'), where).toBe(true);
        for (const [selector, form] of forms) {
          expect(categories.has(selector) || /^=\d+$/.test(selector), `${where} ${selector}`).toBe(true);
          expect(form.trim(), `${where} ${selector}`).not.toBe('');
          expect(form, `${where} ${selector}: no plural inside a form`).not.toMatch(/, plural,/);
        }
        // Romanian: 1 is `one`, 0 and 2–19 are `few` ("5 voturi"), 20 and up `other` ("21 de voturi").
        if (locale === 'ro' && forms.has('one')) expect(forms.has('few'), `${where} few`).toBe(true);
      }
    }
  });
});

describe('Romanian catalogue', () => {
  const all = Object.values(ro).join('\n');

  it('uses comma-below ș and ț, never the cedilla forms ş and ţ', () => {
    expect(all).not.toMatch(/[şţŞŢ]/);
    expect(all).toMatch(/ș/);
    expect(all).toMatch(/ț/);
  });
});
