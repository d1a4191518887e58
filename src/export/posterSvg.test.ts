import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../i18n/catalogue';
import { generateJourney } from '../journey/generate';
import { STAGE_W, layoutJourney } from '../journey/layout';
import { keysBetween } from '../journey/order';
import { instantiateTemplate } from '../journey/templates';
import { defaultCard } from '../journey/cards';
import type { Card, CardFields, CardKind, Journey, Lane, LaneKind, Persona, Stage } from '../journey/types';
import { escapeXml, posterParts, posterSvg, wrapText, type Measure } from './posterSvg';
import { iconSvg, type IconName } from '../views/icons';

const t = (key: MessageKey, params?: Params) => translate('en', key, params);
/** Every character 7 px wide, whatever the font. */
const measure: Measure = (text) => [...text].length * 7;
const draw = (journey: Journey, transparent = false) => posterSvg(journey, t, { transparent, measure });

/**
 * A small XML well-formedness check: tags nest and close, attributes are quoted, no stray `<` or
 * `&`, one root element, no characters XML forbids. Returns the element names in document order.
 */
function checkXml(xml: string): string[] {
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  const token = /<\?xml[^?]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*(\/?)>|[<&]/g;
  const entity = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
  const stack: string[] = [];
  const names: string[] = [];
  let roots = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const [whole, closing, name, attrs, selfClosing] = m;
    if (whole === '&') {
      if (!entity.test(xml.slice(m.index))) throw new Error(`bare & at ${m.index}: ${xml.slice(m.index, m.index + 20)}`);
      continue;
    }
    if (whole === '<') throw new Error(`stray < at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (!name) continue; // declaration or comment
    for (const value of attrs!.matchAll(/="([^"]*)"/g)) {
      for (const amp of value[1]!.matchAll(/&/g)) {
        if (!entity.test(value[1]!.slice(amp.index))) throw new Error(`bare & in an attribute of <${name}>`);
      }
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${m.index}`);
      continue;
    }
    if (stack.length === 0) roots++;
    names.push(name);
    if (!selfClosing) stack.push(name);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  expect(roots).toBe(1);
  return names;
}

/** Like toContain, without printing the whole poster when it fails. */
const expectIn = (haystack: string, needle: string, present = true) => expect(haystack.includes(needle), `${present ? '' : 'no '}${needle}`).toBe(present);

const count = (haystack: string, needle: string | RegExp) => (typeof needle === 'string' ? haystack.split(needle).length - 1 : [...haystack.matchAll(needle)].length);

/** The markup of the card whose text starts with `text`. */
function cardMarkup(svg: string, text: string): string {
  const groups = svg.split('<g class="card"').slice(1);
  const found = groups.find((g) => g.includes(`class="tx">${text}`));
  if (!found) throw new Error(`no card with ${text}`);
  // The card's own group ends at the </g> that closes it (its icons are groups inside it).
  let depth = 1;
  for (const m of found.matchAll(/<g[ >]|<\/g>/g)) {
    depth += m[0] === '</g>' ? -1 : 1;
    if (depth === 0) return found.slice(0, m.index);
  }
  return found;
}

/** An icon of the app's icon set as the poster draws it: its elements (wherever it is placed). */
function iconPath(name: IconName): string {
  const drawn = iconSvg(name, 0, 0, 24, '#000');
  return drawn.slice(drawn.indexOf('>') + 1, drawn.lastIndexOf('</g>'));
}

/** A map with every kind of card, links, personas and awkward text. */
function sampleJourney(): Journey {
  const stageKeys = keysBetween(null, null, 3);
  const stages: Stage[] = ['Découverte', 'Achat <en ligne>', 'Après & "suite"'].map((name, i) => ({ id: `s${i}`, name, goal: '', index: stageKeys[i]! }));
  const kinds: LaneKind[] = ['actions', 'touchpoints', 'emotions', 'painPoints', 'opportunities', 'metrics', 'backStage', 'support'];
  const laneKeys = keysBetween(null, null, kinds.length);
  const lanes: Lane[] = kinds.map((kind, i) => ({ id: `l-${kind}`, name: kind === 'actions' ? "Client's <actions>" : `Lane ${kind}`, kind, index: laneKeys[i]!, collapsed: kind === 'support' }));
  /** A card of `kind` with its defaults (whatever fields the kind has), then `fields`. */
  const card = (id: string, stage: number, lane: LaneKind, kind: CardKind, text: string, fields: CardFields = {}, index = 'a0'): Card =>
    ({ ...defaultCard(kind, { id, stageId: `s${stage}`, laneId: `l-${lane}`, index, text }, 0), ...fields }) as Card;
  const cards: Card[] = [
    card('c-note', 0, 'actions', 'note', 'Înregistrare în aplicație — ștergere, ăîâșț ÄÖÜ ß 😀'),
    card('c-xss', 1, 'actions', 'note', `<script>alert("x") & 'y'</script>`),
    card('c-long', 2, 'actions', 'note', 'word '.repeat(80).trim()),
    card('c-empty', 2, 'actions', 'note', '', {}, 'a1'),
    card('c-ctrl', 0, 'backStage', 'note', 'bell\u0007 and a lone \uD800 surrogate'),
    card('c-mot', 0, 'touchpoints', 'touchpoint', 'Store visit', { channel: 'store', department: 'Sales & <Ops>', momentOfTruth: true }),
    card('c-tp', 1, 'touchpoints', 'touchpoint', 'Web page', { channel: 'web' }),
    card('c-gap3', 1, 'painPoints', 'gap', 'Waits 40 minutes', { severity: 3, owner: '', status: 'open' }),
    card('c-gap1', 2, 'painPoints', 'gap', 'Small annoyance', { severity: 1, owner: 'Ana', status: 'done' }),
    card('c-opp', 2, 'opportunities', 'opportunity', 'Live tracker', { owner: 'Product', priority: 'high', status: 'inProgress' }),
    card('c-nps', 2, 'metrics', 'metric', 'Relationship NPS', { metric: 'NPS', value: -12, sampleSize: 1250 }),
    card('c-hidden', 0, 'support', 'note', 'In a collapsed lane'),
  ];
  const personas: Persona[] = [
    { id: 'p1', name: 'Ana & Ion', picture: '🙋‍♀️', goals: '', needs: '', frustrations: '', index: 'a0' },
    { id: 'p2', name: 'Bob "B"', picture: 'data:image/png;base64,iVBORw0KGgo=', goals: '', needs: '', frustrations: '', index: 'a1' },
  ];
  return {
    meta: { schemaVersion: 1, title: 'Map <1> & "two"', scenario: "Ana's move", variant: 'future', locale: 'en', createdAt: 0 },
    personas: new Map(personas.map((p) => [p.id, p])),
    stages: new Map(stages.map((s) => [s.id, s])),
    lanes: new Map(lanes.map((l) => [l.id, l])),
    cards: new Map(cards.map((c) => [c.id, c])),
    links: new Map([['c-mot->c-gap3', { id: 'c-mot->c-gap3', from: 'c-mot', to: 'c-gap3', label: 'leads to <pain> & "more"' }]]),
    emotions: new Map([
      ['s0:p1', { key: 's0:p1', stageId: 's0', personaId: 'p1', score: 1 as const, note: 'Happy & <calm>' }],
      ['s1:p1', { key: 's1:p1', stageId: 's1', personaId: 'p1', score: -2 as const, note: '' }],
      ['s1:p2', { key: 's1:p2', stageId: 's1', personaId: 'p2', score: 0 as const, note: '' }],
    ]),
    unreadable: [],
  };
}

describe('posterSvg', () => {
  const template = instantiateTemplate('currentJourney', (key) => translate('en', key), 'en', 0);

  it('is well-formed XML with one card group per placed card', () => {
    for (const journey of [template, sampleJourney(), generateJourney(4, 10, 3)]) {
      const { svg } = draw(journey);
      const names = checkXml(svg);
      expect(names[0]).toBe('svg');
      const grid = layoutJourney(journey);
      expect(count(svg, /<g class="card"[ >]/g)).toBe(grid.slots.size);
    }
  });

  it('has the size of the layout: lane column plus stages across; header, stage row, lanes and legend down', () => {
    for (const journey of [template, generateJourney(20, 10, 5)]) {
      const grid = layoutJourney(journey);
      const { svg, width, height } = draw(journey);
      expect(width).toBe(200 + grid.columns.length * STAGE_W);
      expect(height).toBeGreaterThan(52 + grid.height + 40);
      expect(height).toBeLessThan(52 + grid.height + 200);
      expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`));
    }
  });

  it('escapes user text everywhere (title, stages, lanes, cards, personas, links, notes) and keeps it otherwise as typed', () => {
    const { svg } = draw(sampleJourney());
    checkXml(svg);
    expectIn(svg, '<script>', false);
    // (The card's text is wrapped onto two lines.)
    expectIn(svg, '>&lt;script&gt;alert(&quot;x&quot;) &amp;</text>');
    expectIn(svg, '>&apos;y&apos;&lt;/script&gt;</text>');
    expectIn(svg, '<title>Map &lt;1&gt; &amp; &quot;two&quot;</title>');
    expectIn(svg, 'Achat &lt;en ligne&gt;');
    expectIn(svg, 'Après &amp; &quot;suite&quot;');
    expectIn(svg, 'Client&apos;s &lt;actions&gt;');
    expectIn(svg, 'Sales &amp; &lt;Ops&gt;');
    expectIn(svg, 'Ana &amp; Ion');
    expectIn(svg, 'Bob &quot;B&quot;');
    expectIn(svg, 'leads to &lt;pain&gt; &amp; &quot;more&quot;');
    // A link's label is drawn over the cards (it often crosses a card's edge), its line under them.
    expect(svg.indexOf('leads to &lt;pain&gt;')).toBeGreaterThan(svg.indexOf('Waits 40 minutes'));
    expect(svg.indexOf('class="links"')).toBeLessThan(svg.indexOf('Waits 40 minutes'));
    expectIn(svg, 'Happy &amp; &lt;calm&gt;');
    // Diacritics, other scripts and emoji are kept as they are (UTF-8), not turned into entities.
    expectIn(svg, 'Découverte');
    expectIn(svg, 'Înregistrare în aplicație');
    expectIn(svg, 'ăîâșț ÄÖÜ ß 😀');
    // Characters XML does not allow become U+FFFD.
    expectIn(svg, 'bell\uFFFD and a lone \uFFFD surrogate');
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });

  it('draws moments of truth with the gold frame and strip', () => {
    const { svg } = draw(sampleJourney());
    expect(count(svg, '<use xlink:href="#frame-mot"/>')).toBe(1);
    expectIn(svg, '>MOMENT OF TRUTH</text>');
    expectIn(svg, iconPath('star')); // an outline, not a glyph of some font
    const mot = cardMarkup(svg, 'Store visit');
    expectIn(mot, 'data-kind="touchpoint mot"');
    expectIn(mot, 'Store'); // the channel badge
    expectIn(mot, iconPath('store'));
    expectIn(mot, 'font-family="Apple Color Emoji', false);
    expect(cardMarkup(svg, 'Web page')).toContain('#frame-touchpoint');
    const tp = count(draw(template).svg, '#frame-mot');
    expect(tp).toBe([...template.cards.values()].filter((c) => c.kind === 'touchpoint' && c.momentOfTruth).length);
  });

  it('shows severities, priorities, owners, statuses and metric values', () => {
    const { svg } = draw(sampleJourney());
    const high = cardMarkup(svg, 'Waits 40 minutes');
    expectIn(high, iconPath('severity3'));
    expectIn(high, '>High</text>');
    expectIn(high, 'stroke="#f87171"');
    expectIn(high, 'No owner');
    expectIn(high, '>Open</text>');
    expectIn(high, iconPath('circle'));
    const low = cardMarkup(svg, 'Small annoyance');
    expectIn(low, iconPath('severity1'));
    expectIn(low, iconPath('severity3'), false);
    expectIn(low, '>Low</text>');
    expectIn(low, '>Done</text>');
    expectIn(low, iconPath('circleCheck'));
    expectIn(low, '>Ana</text>');
    const opp = cardMarkup(svg, 'Live tracker');
    expectIn(opp, 'High priority');
    expectIn(opp, '>In progress</text>');
    const nps = cardMarkup(svg, 'Relationship NPS');
    expectIn(nps, '>NPS</text>');
    expectIn(nps, '>-12</text>');
    expectIn(nps, 'n = 1250');
    // The legend: every kind and severity.
    for (const label of ['Note', 'Touchpoint', 'Pain point', 'Opportunity', 'Metric', 'Moment of truth', 'Low severity', 'Medium severity', 'High severity']) {
      expectIn(svg, `>${label}</text>`);
    }
  });

  it('wraps card text into at most 3 lines with an ellipsis, no foreignObject', () => {
    const { svg } = draw(sampleJourney());
    expectIn(svg, 'foreignObject', false);
    const long = cardMarkup(svg, 'word word');
    const lines = [...long.matchAll(/class="tx">([^<]*)</g)].map((m) => m[1]!);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    for (const line of lines) expect(measure(line, '')).toBeLessThanOrEqual(196);
    // An empty card shows the placeholder, in italics.
    expectIn(svg, 'class="ph">Double-click or press Enter</text>');
  });

  it('draws links, the emotional curves with faces, persona pictures, and skips collapsed lanes', () => {
    const journey = sampleJourney();
    const { svg } = draw(journey);
    // One link, its route orthogonal with rounded corners (linkRoute).
    expect(count(svg.match(/<g class="links"[^>]*>(.*?)<\/g>/)?.[1] ?? '', /<path d="M [\d.]+ [\d.]+ L [^"]+ Q [^"]+"\/>/g)).toBe(1);
    expectIn(svg, 'marker-end="url(#arrow)"');
    expectIn(svg, iconPath('face1'));
    expectIn(svg, iconPath('face_2'));
    expectIn(svg, iconPath('face0'));
    expectIn(svg, 'stroke-dasharray="8 6"'); // the second persona's curve
    expectIn(svg, 'xlink:href="data:image/png;base64,iVBORw0KGgo="');
    expectIn(svg, '>🙋‍♀️</text>');
    expectIn(svg, iconPath('future'));
    expectIn(svg, '>Future state</text>');
    expectIn(svg, 'In a collapsed lane', false);
  });

  it('draws the links across the line of visibility dashed, with a ring where each crosses it', () => {
    const blueprint = instantiateTemplate('serviceBlueprint', (key) => translate('en', key), 'en', 0);
    const { svg } = draw(blueprint);
    const crossing = count(svg, /<path class="crossing" d="[^"]+" stroke-dasharray="7 4"\/>/g);
    expect(crossing).toBeGreaterThan(0);
    expect(count(svg.match(/<g class="link-crossings"[^>]*>(.*?)<\/g>/)?.[1] ?? '', /<circle /g)).toBe(crossing);
    // The links between back stage and support do not cross it.
    expect(count(svg.match(/<g class="links"[^>]*>(.*?)<\/g>/)?.[1] ?? '', /<path d=/g)).toBeGreaterThan(0);
  });

  it('leaves the background out when transparent', () => {
    const journey = generateJourney(2, 2, 1);
    const solid = draw(journey);
    const clear = draw(journey, true);
    const background = `<rect width="${solid.width}" height="${solid.height}" fill="#fff"/>`;
    expectIn(solid.svg, background);
    expectIn(clear.svg, background, false);
    checkXml(clear.svg);
  });

  it('draws an empty map and a one-stage map with a long title and many personas', () => {
    const empty = generateJourney(0, 0, 0);
    checkXml(draw(empty).svg);
    const narrow = { ...sampleJourney(), meta: { ...sampleJourney().meta, title: 'A very long title '.repeat(10) } };
    narrow.stages = new Map([...narrow.stages].slice(0, 1));
    const { svg, width } = draw(narrow);
    checkXml(svg);
    expect(width).toBe(200 + STAGE_W);
  });

  it('is the sum of its parts, and each stage alone is a document of its own', () => {
    const journey = sampleJourney();
    const parts = posterParts(journey, t, { transparent: false, measure });
    const whole = [parts.open, parts.base(), ...Array.from({ length: parts.stages }, (_, i) => parts.cards(i)), parts.over(), parts.close].join('');
    expect(whole).toBe(draw(journey).svg);
    let cards = 0;
    for (let i = 0; i < parts.stages; i++) {
      const layer = parts.open + parts.cards(i) + parts.close;
      checkXml(layer);
      expect(count(layer, /<g class="card"[ >]/g)).toBe(parts.cardCount(i));
      cards += parts.cardCount(i);
    }
    expect(cards).toBe(layoutJourney(journey).slots.size);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, at line breaks, inside words too long, and ends a cut text with an ellipsis', () => {
    expect(wrapText('aaa bbb ccc', '', 7 * 7, 3, measure)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('one\ntwo', '', 100, 3, measure)).toEqual(['one', 'two']);
    expect(wrapText('abcdefghij', '', 4 * 7, 3, measure)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('aaa bbb ccc ddd', '', 3 * 7, 2, measure)).toEqual(['aaa', 'bb…']);
    expect(wrapText('aaa bbb', '', 100, 3, measure, 2 * 7)).toEqual(['aa', 'a bbb']);
    // Emoji and letters with combining accents are not split.
    expect(wrapText('😀😀😀', '', 2 * 7, 3, measure).every((line) => !/[\uD800-\uDBFF]$/.test(line))).toBe(true);
  });
});
