import { describe, expect, it } from 'vitest';
import { allEnglish as en } from '../i18n/allEnglish';
import { instantiateTemplate } from '../journey/templates';
import { journeyToMarkdown } from './markdown';

const english = (key: string) => (en as Record<string, string>)[key] ?? key;
const NOW = new Date('2025-03-14T10:00:00Z');
const report = (id: 'serviceBlueprint' | 'currentJourney') => journeyToMarkdown(instantiateTemplate(id, english, 'en', 0), english, NOW).split('\n');

describe('the Markdown report of a service blueprint', () => {
  it('lists the lanes from top to bottom with the blueprint’s lines between the lanes they separate', () => {
    expect(report('serviceBlueprint').filter((l) => l.startsWith('- **Lanes:**'))).toEqual([
      '- **Lanes:** Customer actions · Touchpoints & channels · _— Line of interaction —_ · Front stage · _— Line of visibility —_ · Back stage · _— Line of internal interaction —_ · Support processes',
    ]);
  });

  it('says nothing of lines on a map without blueprint lanes', () => {
    expect(report('currentJourney').join('\n')).not.toMatch(/Line of|\*\*Lanes:\*\*/);
  });
});
