import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllLocales, translate, type Locale, type MessageKey, type Params } from '../../i18n/catalogue';
import { layoutJourney } from '../../journey/layout';
import { instantiateTemplate } from '../../journey/templates';
import { posterSvg, type Measure } from '../posterSvg';
import { blueprintMarkup } from './blueprint';

/** Every character 7 px wide, whatever the font. */
const measure: Measure = (text) => [...text].length * 7;
const tr = (locale: Locale) => (key: MessageKey, params?: Params) => translate(locale, key, params);
const template = (id: 'serviceBlueprint' | 'currentJourney', locale: Locale = 'en') => instantiateTemplate(id, (key) => translate(locale, key), locale, 0);

/** The lines a picture draws: which, the label, and the height of each stroke. */
function linesOf(svg: string) {
  return [...svg.matchAll(/<g class="blueprint-line" data-lines="([^"]+)">(.*?)<\/g>/g)].map(([, lines, inner]) => ({
    lines: lines!.split(' '),
    label: /<text[^>]*>([^<]*)<\/text>/.exec(inner!)![1],
    y: [...inner!.matchAll(/<path d="M0 ([\d.]+)H/g)].map((m) => Number(m[1])),
  }));
}

describe('the blueprint lines of a picture', () => {
  beforeAll(loadAllLocales);

  it('draws the service blueprint’s three lines between the rows they separate, labelled', () => {
    const journey = template('serviceBlueprint');
    const rows = layoutJourney(journey).rows;
    const lines = linesOf(blueprintMarkup(rows, 1000, tr('en'), measure));
    expect(lines).toEqual([
      { lines: ['interaction'], label: 'LINE OF INTERACTION', y: [rows[2]!.y] },
      { lines: ['visibility'], label: 'LINE OF VISIBILITY', y: [rows[3]!.y] },
      { lines: ['internalInteraction'], label: 'LINE OF INTERNAL INTERACTION', y: [rows[4]!.y] },
    ]);
    // Each with its own stroke, so they differ without colour.
    const markup = blueprintMarkup(rows, 1000, tr('en'), measure);
    expect(markup.match(/stroke-dasharray="[^"]+"/g)).toEqual(['stroke-dasharray="10 6"', 'stroke-dasharray="2 5"']);
  });

  it('says the lines in the picture’s language', () => {
    const journey = template('serviceBlueprint', 'ro');
    expect(linesOf(blueprintMarkup(layoutJourney(journey).rows, 1000, tr('ro'), measure)).map((l) => l.label)).toEqual([
      'LINIA DE INTERACȚIUNE',
      'LINIA DE VIZIBILITATE',
      'LINIA DE INTERACȚIUNE INTERNĂ',
    ]);
  });

  it('are part of the whole poster, over the lanes and under the links and cards; a map without blueprint lanes has none', () => {
    const { svg } = posterSvg(template('serviceBlueprint'), tr('en'), { transparent: false, measure });
    expect(linesOf(svg).map((l) => l.label)).toEqual(['LINE OF INTERACTION', 'LINE OF VISIBILITY', 'LINE OF INTERNAL INTERACTION']);
    const at = svg.indexOf('class="blueprint-lines"');
    expect(at).toBeGreaterThan(svg.indexOf('class="cells"'));
    expect(at).toBeLessThan(svg.indexOf('class="links"'));
    expect(at).toBeLessThan(svg.indexOf('<g class="card"'));
    expect(posterSvg(template('currentJourney'), tr('en'), { transparent: false, measure }).svg).not.toContain('blueprint-line');
  });
});
