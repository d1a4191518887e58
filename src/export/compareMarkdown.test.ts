import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../i18n/catalogue';
import { compareJourneys } from '../journey/compare';
import { instantiateTemplate } from '../journey/templates';
import type { Journey } from '../journey/types';
import { compareToMarkdown } from './compareMarkdown';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const text = (key: string) => (key.startsWith('template.') ? `T:${key}` : key);
const map = (): Journey => instantiateTemplate('currentJourney', text, 'en', 0);

describe('compareToMarkdown', () => {
  it('says what changed since a named version, stage by stage, with the fields that changed', () => {
    const before = map();
    const cards = new Map(before.cards);
    const [gone, edited] = [...cards.values()].filter((c) => c.kind === 'note');
    cards.delete(gone!.id);
    cards.set(edited!.id, { ...edited!, text: 'Asks friends *first*', evidence: 'interview' });
    cards.set('n1', { ...edited!, id: 'n1', text: 'Checks coverage maps' });
    const after = { ...before, cards };
    const md = compareToMarkdown({
      comparison: compareJourneys(before, after),
      before,
      after,
      beforeName: 'Q3 baseline',
      afterName: 'now',
      mode: 'since',
      labels: en,
      locale: 'en',
      now: new Date(Date.UTC(2026, 11, 3, 12)),
    });
    expect(md).toMatch(/^# What changed since Q3 baseline/);
    expect(md).toContain('1 card added, 1 removed, 1 changed, none moved.');
    expect(md).toContain('### Added (1)');
    expect(md).toContain('- Checks coverage maps');
    expect(md).toContain('### Removed (1)');
    expect(md).toMatch(/- Asks friends \\\*first\\\* — .*changed: Text, Evidence/);
  });

  it('says so when nothing changed', () => {
    const j = map();
    const md = compareToMarkdown({ comparison: compareJourneys(j, j), before: j, after: j, beforeName: 'Q3', afterName: 'now', mode: 'since', labels: en, locale: 'en', now: new Date(0) });
    expect(md).toContain('Nothing changed.');
  });
});
