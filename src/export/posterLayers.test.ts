// The layers a picture can carry (survey figures, department lens, open loops) and the emotional
// curve's notes drawn whole: what a stakeholder reads on the exported SVG.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllLocales, translate, type Locale, type MessageKey, type Params } from '../i18n/catalogue';
import { instantiateTemplate } from '../journey/templates';
import { handoffs } from '../journey/loops';
import { figureKey, stageTarget, touchpointTarget, type MapFigure } from '../journey/voc/onMap';
import type { Card, Journey } from '../journey/types';
import { iconSvg, type IconName } from '../views/icons';
import { posterParts, posterSvg, type Measure, type PosterOptions } from './posterSvg';
import { NO_LAYERS, type PictureLayers } from './layers';
import { tint } from './poster/colors';

const tIn = (locale: Locale) => (key: MessageKey, params?: Params) => translate(locale, key, params);
const t = tIn('en');
/** Every character 0.55 em wide: about what a sans-serif font measures. */
const measure: Measure = (text, font) => [...text].length * Number(/([\d.]+)px/.exec(font)?.[1] ?? 12) * 0.55;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20);
const ALL: PictureLayers = { survey: true, lens: true, loops: true };

const template = () => instantiateTemplate('currentJourney', (key) => translate('en', key), 'en', NOW - 43 * DAY);
const cardOf = (journey: Journey, text: string): Card => [...journey.cards.values()].find((c) => c.text === text)!;
/** The journey with one card changed. */
const withCard = (journey: Journey, card: Card): Journey => ({ ...journey, cards: new Map(journey.cards).set(card.id, card) });
/** The journey with its first emotion that has a note given another note. */
function withNote(journey: Journey, note: string): Journey {
  const [key, emotion] = [...journey.emotions].find(([, e]) => e.note)!;
  return { ...journey, emotions: new Map(journey.emotions).set(key, { ...emotion, note }) };
}

function draw(journey: Journey, layers: PictureLayers, figures: ReadonlyMap<string, MapFigure> = new Map(), locale: Locale = 'en', extra: Partial<PosterOptions> = {}) {
  return posterSvg(journey, tIn(locale), { transparent: false, measure, locale, layers, layerData: { figures, now: NOW }, ...extra }).svg;
}

/** The markup of the card group whose text starts with `text` (up to the </g> that closes it). */
function cardGroup(svg: string, text: string): string {
  const groups = svg.split('<g class="card"').slice(1);
  const found = groups.find((g) => g.includes(`class="tx">${text}`));
  if (!found) throw new Error(`no card with ${text}`);
  let depth = 1;
  for (const m of found.matchAll(/<g[ >]|<\/g>/g)) {
    depth += m[0] === '</g>' ? -1 : 1;
    if (depth === 0) return found.slice(0, m.index);
  }
  return found;
}

/** An icon's elements as the poster draws them (wherever it is placed). */
function iconPath(name: IconName): string {
  const drawn = iconSvg(name, 0, 0, 24, '#000');
  return drawn.slice(drawn.indexOf('>') + 1, drawn.lastIndexOf('</g>'));
}

/** Every text of a piece of markup, joined by spaces. */
const texts = (markup: string) =>
  [...markup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1])
    .join(' ')
    .replace(/\s+/g, ' ');

/** Survey figures: the store visit this quarter (NPS +12, n = 40) and the one before (0); the ad with a small sample; the call centre only in an older quarter; the Purchase stage. */
function surveyFigures(journey: Journey): Map<string, MapFigure> {
  const store = touchpointTarget(cardOf(journey, 'Store visit with a sales advisor').id);
  const ad = touchpointTarget(cardOf(journey, 'Social media ad').id);
  const call = touchpointTarget(cardOf(journey, 'Call centre').id);
  const purchase = stageTarget(cardOf(journey, 'Store visit with a sales advisor').stageId);
  return new Map<string, MapFigure>([
    [figureKey(store, 'NPS', '2026-Q2'), { value: 12, n: 40 }],
    [figureKey(store, 'NPS', '2026-Q1'), { value: 0, n: 35 }],
    [figureKey(ad, 'NPS', '2026-Q2'), { value: -25, n: 12 }],
    [figureKey(call, 'CSAT', '2025-Q4'), { value: 60, n: 50 }],
    [figureKey(purchase, 'CES', '2026-Q2'), { value: 5.2, n: 80 }],
    // A touchpoint that is no longer on the map: not drawn, not counted.
    [figureKey(touchpointTarget('gone'), 'NPS', '2024-Q1'), { value: 1, n: 100 }],
  ]);
}

beforeAll(() => loadAllLocales());

describe('the survey layer', () => {
  const journey = template();
  const figures = surveyFigures(journey);
  const on = draw(journey, { ...NO_LAYERS, survey: true }, figures);
  const off = draw(journey, NO_LAYERS, figures);

  it('puts each touchpoint’s figure on its card: metric, figure, n, and the change since the quarter before', () => {
    const store = cardGroup(on, 'Store visit with a sales');
    expect(texts(store)).toMatch(/NPS \+12 n=40 12/);
    // ▲ drawn as a shape in green, never as a glyph a font may lack.
    expect(store).toContain('fill="#15803d"');
    expect(store).not.toMatch(/[▲▼⚠]/);
    expect(store).toContain('<title>NPS +12, n = 40 (2026-Q2) · +12 points since the quarter before</title>');
  });

  it('marks a small sample with a dashed outline and a drawn warning', () => {
    const ad = cardGroup(on, 'Social media ad');
    expect(texts(ad)).toContain('n=12');
    expect(ad).toContain('stroke-dasharray="3 2"');
    expect(ad).toContain(iconPath('warning'));
    expect(cardGroup(on, 'Store visit with a sales')).not.toContain('stroke-dasharray="3 2"');
  });

  it('names the quarter of a figure that is not from the map’s newest quarter', () => {
    expect(texts(cardGroup(on, 'Call centre'))).toContain('CSAT 60% n=50 · 2025-Q4');
    expect(texts(cardGroup(on, 'Store visit with a sales'))).not.toContain('2026-Q2');
    expect(on).not.toContain('2024-Q1');
  });

  it('fills cards and stages with the heat of their figures, and puts the stage’s figures under its name', () => {
    // NPS +12 on -100..+100: hue 67, as heatFill's hsl(67 75% 88%).
    expect(cardGroup(on, 'Store visit with a sales')).toMatch(/<use xlink:href="#in-mot" fill="#f[0-9a-f]{5}"\/>/);
    expect(cardGroup(on, 'Self-care app')).not.toContain('xlink:href="#in-1"');
    const stages = on.slice(on.indexOf('<g class="stages">'), on.indexOf('<g class="lanes">'));
    expect(texts(stages)).toContain('Purchase CES 5.20 n=80');
    // The stage row grows a line for the figures.
    expect(posterParts(journey, t, { transparent: false, measure, layers: { ...NO_LAYERS, survey: true }, layerData: { figures, now: NOW } }).height).toBeGreaterThan(
      posterParts(journey, t, { transparent: false, measure }).height,
    );
  });

  it('explains heat, small samples, changes and older quarters in the legend', () => {
    const legend = on.slice(on.indexOf('<g class="legend">'));
    expect(texts(legend)).toContain('Survey figures, 2026-Q2');
    expect(texts(legend)).toContain(t('voc.heatLegend'));
    expect(texts(legend)).toContain('small sample: read with care');
    expect(texts(legend)).toContain('a figure from an earlier quarter names its quarter');
  });

  it('draws nothing of the survey when the layer is off, or when the map has no figures', () => {
    expect(off).not.toContain('n=40');
    expect(off).not.toContain('class="voc"');
    expect(off).toBe(draw(journey, NO_LAYERS));
    const empty = draw(journey, { ...NO_LAYERS, survey: true }, new Map());
    expect(empty).not.toContain('class="voc"');
  });

  it('writes figures the interface language’s way', () => {
    const it = draw(journey, { ...NO_LAYERS, survey: true }, figures, 'it');
    expect(texts(it)).toContain('CES 5,20 n=80');
  });
});

describe('the department lens', () => {
  // The call centre loses its department: a moment of truth nobody owns.
  const base = template();
  const journey = withCard(base, { ...cardOf(base, 'Call centre'), department: '' } as Card);
  const svg = draw(journey, { ...NO_LAYERS, lens: true });

  it('tints each card with its department’s colour, on its left edge, and names the department on a tag', () => {
    const ad = cardGroup(svg, 'Social media ad');
    const frame = /<use xlink:href="#(frame-lens-\d+)"\/>/.exec(ad)![1]!;
    const color = new RegExp(`<g id="${frame}"><rect [^>]*fill="(#[0-9a-f]{6})"`).exec(svg)![1]!;
    expect(ad).toContain(`<use xlink:href="#in-1" fill="${tint(color, 0.16)}"/>`);
    expect(ad).toMatch(/<g class="lens-tag"><rect [^>]*\/><text [^>]*class="tg">Marketing<\/text><\/g>/);
    expect(cardGroup(svg, 'Store visit with a sales')).toMatch(/xlink:href="#frame-lens-\d+-mot"/);
  });

  it('flags a moment of truth nobody owns, with a warning and words', () => {
    const unowned = cardGroup(svg, 'Call centre');
    expect(unowned).toContain('class="lens-unowned"');
    expect(unowned).toContain(iconPath('warning'));
    expect(texts(unowned)).toContain('Moment of truth with no department');
  });

  it('draws the hand-offs between departments along the customer’s path, with their labels over the cards', () => {
    const count = handoffs(journey).length;
    expect(count).toBeGreaterThan(1);
    const paths = /<g class="handoffs"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
    expect(paths.match(/<path /g)).toHaveLength(count);
    expect(svg).toContain('Marketing → Sales');
    expect(svg.indexOf('Marketing → Sales')).toBeGreaterThan(svg.indexOf('class="tx">Social media ad'));
  });

  it('lists every department with its swatch and name, the cards with no department, the unowned moments and the hand-offs', () => {
    const legend = svg.slice(svg.indexOf('<g class="legend">'));
    const words = texts(legend);
    expect(words).toContain('Departments and hand-offs');
    for (const name of ['Marketing', 'Sales', 'Operations', 'IT', 'Customer Service', 'Product']) expect(words).toContain(name);
    // Gaps and opportunities count for their owner; the unowned gap and the call centre have none.
    expect(words).toMatch(/No department 2/);
    expect(words).toMatch(/Moment of truth with no department 1/);
    expect(words).toContain(`${handoffs(journey).length} hand-offs between departments`);
    expect(legend.match(/<rect [^>]*width="12" height="12" rx="3" fill="#[0-9a-f]{6}"\/>/g)?.length).toBe(6);
  });

  it('draws no lens when it is off', () => {
    const off = draw(journey, NO_LAYERS);
    expect(off).not.toContain('frame-lens');
    expect(off).not.toContain('handoff');
    expect(off).not.toContain('Departments and hand-offs');
  });
});

describe('the open-loop marks', () => {
  const journey = template();
  const svg = draw(journey, { ...NO_LAYERS, loops: true });

  it('says how long an open loop has been in its status and who owns it', () => {
    const gap = cardGroup(svg, 'Plan prices are hard');
    expect(texts(gap)).toContain('Open for 43 days');
    expect(texts(gap)).toContain('Product');
    expect(texts(cardGroup(svg, 'Waits 40 minutes in'))).toContain('In progress for 43 days');
  });

  it('marks a loop with no owner with a warning and the words, never by colour alone', () => {
    const gap = cardGroup(svg, 'No news for 3 days');
    expect(texts(gap)).toMatch(/Open for 43 days (· )?no owner/);
    expect(gap).toContain(iconPath('warning'));
  });

  it('leaves a done loop as it is, and says in the legend the day loops are aged to', () => {
    const done = withCard(journey, { ...cardOf(journey, 'Agents cannot see the contract signed in the store'), status: 'done' } as Card);
    const drawn = draw(done, { ...NO_LAYERS, loops: true });
    expect(texts(cardGroup(drawn, 'Agents cannot see'))).not.toContain('for 43 days');
    expect(texts(drawn.slice(drawn.indexOf('<g class="legend">')))).toContain('Open loops on May 20, 2026');
    expect(draw(journey, NO_LAYERS)).not.toContain('for 43 days');
  });

  it('speaks Romanian and Italian', () => {
    expect(texts(cardGroup(draw(template(), { ...NO_LAYERS, loops: true }, new Map(), 'ro'), 'No news for 3 days'))).toMatch(/Deschis de 43 de zile .*fără responsabil/);
    expect(texts(cardGroup(draw(template(), { ...NO_LAYERS, loops: true }, new Map(), 'it'), 'No news for 3 days'))).toMatch(/Aperto da 43 giorni .*nessun responsabile/);
  });
});

describe('the emotional curve’s notes', () => {
  const note = {
    en: 'Waited forty minutes in the store, then the advisor asked for three more signatures and a copy of the last bill, which nobody had said to bring along',
    ro: 'A așteptat patruzeci de minute în magazin, apoi consultantul a cerut încă trei semnături și o copie a ultimei facturi, despre care nu spusese nimeni nimic',
    it: 'Ha aspettato quaranta minuti in negozio, poi il consulente ha chiesto altre tre firme e una copia dell’ultima bolletta, che nessuno aveva detto di portare',
  };

  it.each(['en', 'ro', 'it'] as const)('are drawn whole, wrapped over lines, never cut with an ellipsis (%s)', (locale) => {
    const svg = draw(withNote(template(), note[locale]), NO_LAYERS, new Map(), locale);
    const notes = /<g class="curve-notes">(.*?)<\/g>/.exec(svg)![1]!;
    const lines = [...notes.matchAll(/class="en">([^<]*)</g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ').replaceAll('&apos;', "'")).toContain(note[locale].replaceAll('’', '’'));
    expect(notes).not.toContain('…');
  });

  it('never cover the cards: the lanes under the curve move down by what the notes need', () => {
    const short = posterParts(template(), t, { transparent: false, measure });
    const long = posterParts(withNote(template(), 'word '.repeat(200).trim()), t, { transparent: false, measure });
    expect(long.height).toBeGreaterThan(short.height + 200);
  });
});

describe('all layers at once', () => {
  it('make a well-formed picture, part by part as a whole', () => {
    const journey = template();
    const options: PosterOptions = { transparent: false, measure, locale: 'en', layers: ALL, layerData: { figures: surveyFigures(journey), now: NOW } };
    const parts = posterParts(journey, t, options);
    const whole = [parts.open, parts.base(), ...Array.from({ length: parts.stages }, (_, i) => parts.cards(i)), parts.over(), parts.close].join('');
    expect(whole).toBe(posterSvg(journey, t, options).svg);
    const doc = new DOMParserLike(whole);
    expect(doc.ok).toBe(true);
  });
});

/** Tags open and close in order, and every `&` starts an entity: enough to know a viewer will read the file. */
class DOMParserLike {
  ok: boolean;
  constructor(xml: string) {
    const stack: string[] = [];
    let ok = !/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(xml);
    for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
      if (m[1]) ok &&= stack.pop() === m[2];
      else if (!m[3]) stack.push(m[2]!);
    }
    this.ok = ok && stack.length === 0;
  }
}
