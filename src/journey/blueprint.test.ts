import { describe, expect, it } from 'vitest';
import { ZONES, crossesLineOfVisibility, laneZone, placeLane, zoneRange } from './blueprint';
import { blueprintLines } from './blueprintLines';
import { layoutJourney } from './layout';
import { instantiateTemplate } from './templates';
import { TEMPLATE_IDS } from './templateIds';
import { templateText } from './testing';
import type { LaneKind } from './types';

const NOW = 1_700_000_000_000;
const lanes = (...kinds: LaneKind[]) => kinds.map((kind) => ({ kind }));
/** Rows one unit tall, named by their kind: enough to say between which lanes a line falls. */
const rows = (...kinds: LaneKind[]) => kinds.map((kind, i) => ({ lane: { kind }, y: i * 100 }));
const drawn = (r: ReturnType<typeof rows>) => blueprintLines(r).map((p) => ({ lines: p.lines, y: p.y, above: p.above.lane.kind, below: p.below.lane.kind }));

describe('zones', () => {
  it('puts front stage, back stage and support lanes in their zones, every other lane on the customer side', () => {
    expect(laneZone({ kind: 'frontStage' })).toBe('frontStage');
    expect(laneZone({ kind: 'backStage' })).toBe('backStage');
    expect(laneZone({ kind: 'support' })).toBe('support');
    for (const kind of ['actions', 'touchpoints', 'thoughts', 'emotions', 'painPoints', 'opportunities', 'metrics'] as const) expect(laneZone({ kind })).toBe('customer');
  });

  it('says a link from a front-stage card to a back-stage card crosses the line of visibility, one within the seen side does not', () => {
    const journey = { lanes: new Map(['a', 'f', 'b', 's'].map((id, i) => [id, { id, name: id, index: String(i), collapsed: false, kind: (['actions', 'frontStage', 'backStage', 'support'] as const)[i]! }])) };
    expect(crossesLineOfVisibility(journey, { laneId: 'f' }, { laneId: 'b' })).toBe(true);
    expect(crossesLineOfVisibility(journey, { laneId: 's' }, { laneId: 'a' })).toBe(true);
    expect(crossesLineOfVisibility(journey, { laneId: 'a' }, { laneId: 'f' })).toBe(false);
    expect(crossesLineOfVisibility(journey, { laneId: 'b' }, { laneId: 's' })).toBe(false);
  });
});

describe('blueprintLines', () => {
  it('draws the three lines between the lane groups they separate', () => {
    expect(drawn(rows('actions', 'touchpoints', 'frontStage', 'backStage', 'support'))).toEqual([
      { lines: ['interaction'], y: 200, above: 'touchpoints', below: 'frontStage' },
      { lines: ['visibility'], y: 300, above: 'frontStage', below: 'backStage' },
      { lines: ['internalInteraction'], y: 400, above: 'backStage', below: 'support' },
    ]);
  });

  it('draws no line on a map without lanes on both sides of it', () => {
    expect(drawn(rows('actions', 'touchpoints', 'emotions', 'painPoints'))).toEqual([]);
    expect(drawn(rows('frontStage', 'frontStage'))).toEqual([]);
    expect(drawn(rows())).toEqual([]);
    // Front stage and back stage only: the line of visibility between them, nothing above or below.
    expect(drawn(rows('frontStage', 'backStage'))).toEqual([{ lines: ['visibility'], y: 100, above: 'frontStage', below: 'backStage' }]);
  });

  it('draws the lines of a zone without lanes at one place, once', () => {
    // No front stage: the customer's lanes meet the back stage, which the customer sees no more of.
    expect(drawn(rows('actions', 'backStage', 'support'))).toEqual([
      { lines: ['interaction', 'visibility'], y: 100, above: 'actions', below: 'backStage' },
      { lines: ['internalInteraction'], y: 200, above: 'backStage', below: 'support' },
    ]);
    expect(drawn(rows('actions', 'support'))).toEqual([{ lines: ['interaction', 'visibility', 'internalInteraction'], y: 100, above: 'actions', below: 'support' }]);
  });

  it('draws each line once on a map whose lanes were mixed (two moves at once), at its first crossing', () => {
    expect(drawn(rows('actions', 'frontStage', 'metrics', 'frontStage'))).toEqual([{ lines: ['interaction'], y: 100, above: 'actions', below: 'frontStage' }]);
    // Upside down: no place has the upper side above the lower one.
    expect(drawn(rows('support', 'actions'))).toEqual([]);
  });

  it('finds the lines of every template that has blueprint lanes in the grid layout, between the right lanes', () => {
    const blueprint = instantiateTemplate('serviceBlueprint', templateText, 'en', NOW);
    const grid = layoutJourney(blueprint);
    const places = blueprintLines(grid.rows);
    expect(places.map((p) => [p.lines, p.above.lane.kind, p.below.lane.kind])).toEqual([
      [['interaction'], 'touchpoints', 'frontStage'],
      [['visibility'], 'frontStage', 'backStage'],
      [['internalInteraction'], 'backStage', 'support'],
    ]);
    for (const p of places) expect(p.y).toBe(p.above.y + p.above.height);
    for (const id of TEMPLATE_IDS) {
      if (id === 'serviceBlueprint') continue;
      expect(blueprintLines(layoutJourney(instantiateTemplate(id, templateText, 'en', NOW)).rows), id).toEqual([]);
    }
  });
});

describe('keeping the zones in order', () => {
  const blueprint = lanes('actions', 'touchpoints', 'frontStage', 'backStage', 'support');

  it('every template has its lanes in zone order: customer, front stage, back stage, support', () => {
    for (const id of TEMPLATE_IDS) {
      const zones = layoutJourney(instantiateTemplate(id, templateText, 'en', NOW)).rows.map((r) => ZONES.indexOf(laneZone(r.lane)));
      expect(zones, id).toEqual([...zones].sort((a, b) => a - b));
    }
  });

  it('gives each kind the positions of its zone among the other lanes', () => {
    expect(zoneRange(blueprint, 'metrics')).toEqual({ from: 0, to: 2 });
    expect(zoneRange(blueprint, 'frontStage')).toEqual({ from: 2, to: 3 });
    expect(zoneRange(blueprint, 'backStage')).toEqual({ from: 3, to: 4 });
    expect(zoneRange(blueprint, 'support')).toEqual({ from: 4, to: 5 });
    expect(zoneRange([], 'support')).toEqual({ from: 0, to: 0 });
  });

  it('moves a lane freely within its zone', () => {
    const others = lanes('actions', 'touchpoints', 'thoughts', 'backStage');
    expect(placeLane(others, 'metrics', 0)).toEqual({ position: 0, kept: null });
    expect(placeLane(others, 'metrics', 3)).toEqual({ position: 3, kept: null });
  });

  it('stops a lane at the line it would cross, and names that line', () => {
    // The front stage, moved up past the touchpoints, stays below the line of interaction.
    const others = lanes('actions', 'touchpoints', 'backStage', 'support');
    expect(placeLane(others, 'frontStage', 1)).toEqual({ position: 2, kept: 'interaction' });
    expect(placeLane(others, 'frontStage', 0)).toEqual({ position: 2, kept: 'interaction' });
    // Moved down past the back stage, it stays above the line of visibility.
    expect(placeLane(others, 'frontStage', 3)).toEqual({ position: 2, kept: 'visibility' });
    // A customer's lane stays above the line of interaction; support below the line of internal interaction.
    expect(placeLane(lanes('actions', 'frontStage', 'backStage'), 'opportunities', 2)).toEqual({ position: 1, kept: 'interaction' });
    expect(placeLane(lanes('actions', 'frontStage', 'backStage'), 'support', 1)).toEqual({ position: 3, kept: 'internalInteraction' });
  });
});
