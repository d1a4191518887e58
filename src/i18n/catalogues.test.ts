// The Romanian and Italian catalogues must match the English one key for key and placeholder for
// placeholder, be actually translated, and every template message key must exist.
import { describe, it, expect } from 'vitest';
import { templateMessageKeys } from '../journey/templates';
import { en } from './en';
import { it as itMessages } from './it';
import { ro } from './ro';

const EN = en as Record<string, string>;
const TRANSLATIONS: [string, Record<string, string>][] = [
  ['ro', ro],
  ['it', itMessages],
];

/** English values that may legitimately stay the same in another language. */
const MAY_EQUAL_ENGLISH = new Set(['App', 'Chat', 'Web', 'E-mail', 'Agent', 'n = {n}', 'NPS', '{root} / {key}: {reason}']);

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

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
  it('has exactly the English keys, in the same order', () => {
    expect(Object.keys(messages)).toEqual(Object.keys(EN));
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
});

describe('Romanian catalogue', () => {
  const all = Object.values(ro).join('\n');

  it('uses comma-below ș and ț, never the cedilla forms ş and ţ', () => {
    expect(all).not.toMatch(/[şţŞŢ]/);
    expect(all).toMatch(/ș/);
    expect(all).toMatch(/ț/);
  });
});
