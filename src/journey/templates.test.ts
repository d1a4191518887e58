import { describe, expect, it } from 'vitest';
import { cardKindForLane } from './cards';
import { layoutJourney } from './layout';
import { isValidKey, sortByIndex } from './order';
import { LANE_NAME_KEY, instantiateTemplate, templateMessageKeys } from './templates';
import { TEMPLATE_IDS } from './templateIds';
import { LANE_KINDS, SCHEMA_VERSION } from './types';
import { templateText } from './testing';

const NOW = 1_700_000_000_000;

describe.each(TEMPLATE_IDS)('template %s', (id) => {
  const journey = instantiateTemplate(id, templateText, 'ro', NOW);

  it('instantiates a complete map with the given locale and date', () => {
    expect(journey.meta).toMatchObject({ schemaVersion: SCHEMA_VERSION, locale: 'ro', createdAt: NOW });
    expect(journey.meta.title).not.toBe('');
    expect(journey.stages.size).toBeGreaterThanOrEqual(3);
    expect(journey.lanes.size).toBeGreaterThanOrEqual(5);
    expect(journey.unreadable).toEqual([]);
  });

  it('links only cards of the map, one link per pair', () => {
    for (const link of journey.links.values()) {
      expect(journey.cards.has(link.from) && journey.cards.has(link.to)).toBe(true);
      expect(link.id).toBe(`${link.from}->${link.to}`);
    }
  });

  it('puts every card in an existing stage and lane of the kind that lane makes', () => {
    for (const card of journey.cards.values()) {
      const lane = journey.lanes.get(card.laneId);
      expect(journey.stages.has(card.stageId)).toBe(true);
      expect(lane).toBeDefined();
      expect(card.kind).toBe(cardKindForLane(lane!.kind));
    }
    const grid = layoutJourney(journey);
    expect(grid.unplaced).toEqual([]);
    expect(grid.slots.size).toBe(journey.cards.size);
  });

  it('gives every entity a unique id and a valid, distinct order key', () => {
    const ids = [journey.stages, journey.lanes, journey.cards, journey.personas].flatMap((m) => [...m.keys()]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of [journey.stages, journey.lanes, journey.personas]) {
      const keys = [...m.values()].map((e) => e.index);
      expect(keys.every(isValidKey)).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const perCell = new Map<string, string[]>();
    for (const c of journey.cards.values()) {
      expect(isValidKey(c.index)).toBe(true);
      perCell.set(`${c.stageId}|${c.laneId}`, [...(perCell.get(`${c.stageId}|${c.laneId}`) ?? []), c.index]);
    }
    for (const keys of perCell.values()) expect(new Set(keys).size).toBe(keys.length);
  });

  it('scores the emotional curve of existing stages, per persona when there is one', () => {
    const persona = sortByIndex(journey.personas.values())[0];
    for (const [key, e] of journey.emotions) {
      expect(e.key).toBe(key);
      expect(journey.stages.has(e.stageId)).toBe(true);
      expect(e.personaId).toBe(persona?.id ?? null);
      expect(key).toBe(persona ? `${e.stageId}:${persona.id}` : e.stageId);
      expect([-2, -1, 0, 1, 2]).toContain(e.score);
    }
  });

  it('translates every name and text through the given function', () => {
    const asked: string[] = [];
    const t = instantiateTemplate(id, (k) => {
      asked.push(k);
      return `«${k}»`;
    }, 'en', NOW);
    const translated = (s: string) => s.startsWith('«') && s.endsWith('»');
    expect(translated(t.meta.title)).toBe(true);
    for (const s of t.stages.values()) expect(translated(s.name)).toBe(true);
    for (const l of t.lanes.values()) expect(l.name).toBe(`«${LANE_NAME_KEY(l.kind)}»`);
    for (const c of t.cards.values()) expect(translated(c.text)).toBe(true);
    for (const p of t.personas.values()) {
      for (const s of [p.name, p.goals, p.needs, p.frustrations]) expect(translated(s)).toBe(true);
      expect(translated(p.picture)).toBe(false); // an emoji, not a message
    }
    for (const e of t.emotions.values()) expect(e.note === '' || translated(e.note)).toBe(true);
    // Every key asked for is one the i18n catalogue is told about (templates' own, or lane names).
    const known = new Set<string>([...templateMessageKeys(), ...LANE_KINDS.map(LANE_NAME_KEY)]);
    expect(asked.filter((k) => !known.has(k))).toEqual([]);
    expect(asked).not.toContain('');
  });

  it('makes fresh ids on every use', () => {
    const again = instantiateTemplate(id, templateText, 'ro', NOW);
    const first = new Set([...journey.stages.keys(), ...journey.cards.keys()]);
    expect([...again.stages.keys(), ...again.cards.keys()].some((k) => first.has(k))).toBe(false);
  });
});

describe('templates', () => {
  it('differ where they should: a future-state map and a blank one', () => {
    expect(instantiateTemplate('futureJourney', templateText, 'en', NOW).meta.variant).toBe('future');
    const blank = instantiateTemplate('blank', templateText, 'en', NOW);
    expect(blank.meta.variant).toBe('current');
    expect(blank.cards.size).toBe(0);
    expect(blank.personas.size).toBe(0);
    expect(blank.meta.scenario).toBe('');
  });

  it('keep sample fields of a kind (a touchpoint channel, a gap severity, a metric value)', () => {
    const j = instantiateTemplate('currentJourney', templateText, 'en', NOW);
    const cards = [...j.cards.values()];
    expect(cards.find((c) => c.kind === 'touchpoint' && c.momentOfTruth)).toMatchObject({ channel: 'store', department: 'Sales' });
    expect(cards.find((c) => c.kind === 'gap' && c.severity === 3 && c.status === 'inProgress')).toMatchObject({ owner: 'Sales', statusChangedAt: NOW });
    // The service blueprint shows which back-stage work a front-stage moment starts, with labels.
    const blueprint = instantiateTemplate('serviceBlueprint', templateText, 'en', NOW);
    const labelled = [...blueprint.links.values()].find((l) => l.label === 'template.link.idChecked')!;
    expect(blueprint.cards.get(labelled.from)?.text).toBe('template.card.24');
    expect(blueprint.cards.get(labelled.to)?.text).toBe('template.card.25');
    expect(blueprint.links.size).toBe(7);
    expect(cards.find((c) => c.kind === 'metric' && c.metric === 'NPS')).toMatchObject({ value: -12, sampleSize: 1250 });
  });

  it('lists message keys without duplicates or blanks', () => {
    const keys = templateMessageKeys();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('');
    expect(keys).toContain('template.stage.awareness');
  });
});
