import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EXPORT_TYPE,
  EXPORT_VERSION,
  MAX_FILE_BYTES,
  MIGRATIONS,
  migrate,
  parseMapFile,
  readMapFile,
  toExportFile,
  utf8Bytes,
  type ImportError,
  type MapFileResult,
} from './exchange';
import { generateJourney } from './generate';
import { keysBetween } from './order';
import { instantiateTemplate } from './templates';
import { TEMPLATE_IDS } from './templateIds';
import { SCHEMA_VERSION, type Card, type Emotion, type Journey, type Lane, type Link, type Persona, type Stage } from './types';
import { readSurveyPart, surveyOfMap } from './surveyFile';
import { figureKey, stageTarget, touchpointTarget, type MapFigure, type Verbatim } from './voc/onMap';

const NOW = 1_700_000_000_000;
const EXPORTED_AT = new Date('2024-05-01T10:00:00.000Z');

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((x) => [x.id, x]));

/** A small map with one of everything: the v1 snapshot below is this map as version 1 wrote it. */
function smallJourney(): Journey {
  const personas: Persona[] = [{ id: 'p1', name: 'Ana', picture: '🙋‍♀️', goals: 'Fast setup', needs: '', frustrations: 'Waiting', index: 'a0' }];
  const stages: Stage[] = [
    { id: 's1', name: 'Discover', goal: 'Find us', index: 'a0' },
    { id: 's2', name: 'Buy', goal: '', index: 'a1' },
  ];
  const lanes: Lane[] = [
    { id: 'l1', name: 'Actions', kind: 'actions', index: 'a0', collapsed: false },
    { id: 'l2', name: 'Touchpoints', kind: 'touchpoints', index: 'a1', collapsed: true },
    { id: 'l3', name: 'Emotions', kind: 'emotions', index: 'a2', collapsed: false },
    { id: 'l4', name: 'Pain points', kind: 'painPoints', index: 'a3', collapsed: false },
    { id: 'l5', name: 'Opportunities', kind: 'opportunities', index: 'a4', collapsed: false },
    { id: 'l6', name: 'Metrics', kind: 'metrics', index: 'a5', collapsed: false },
  ];
  const cards: Card[] = [
    { id: 'c1', kind: 'note', stageId: 's1', laneId: 'l1', index: 'a0', text: 'Sees an ad' },
    { id: 'c2', kind: 'note', stageId: 's1', laneId: 'l1', index: 'a1', text: 'Asks a friend' },
    { id: 'c3', kind: 'touchpoint', stageId: 's1', laneId: 'l2', index: 'a0', text: 'Instagram', channel: 'social', department: 'Marketing', momentOfTruth: false },
    { id: 'c4', kind: 'gap', stageId: 's2', laneId: 'l4', index: 'a0', text: 'Checkout fails', severity: 3, expectation: 'It works', owner: 'IT', status: 'inProgress', statusChangedAt: NOW, statusChangedBy: '' },
    { id: 'c5', kind: 'opportunity', stageId: 's2', laneId: 'l5', index: 'a0', text: 'One-click pay', owner: 'Product', priority: 'high', status: 'open', statusChangedAt: 0, statusChangedBy: '' },
    { id: 'c6', kind: 'metric', stageId: 's2', laneId: 'l6', index: 'a0', text: 'Conversion NPS', metric: 'NPS', value: -12, sampleSize: null },
  ];
  const links: Link[] = [{ id: 'c3->c4', from: 'c3', to: 'c4', label: 'leads to' }];
  const emotions: Emotion[] = [
    { key: 's1:p1', stageId: 's1', personaId: 'p1', score: 1, note: 'Curious' },
    { key: 's2:p1', stageId: 's2', personaId: 'p1', score: -2, note: '' },
  ];
  return {
    meta: { schemaVersion: SCHEMA_VERSION, title: 'Small map', scenario: 'Buying a plan', variant: 'future', locale: 'en', createdAt: NOW },
    personas: byId(personas),
    stages: byId(stages),
    lanes: byId(lanes),
    cards: byId(cards),
    links: byId(links),
    emotions: new Map(emotions.map((e) => [e.key, e])),
    unreadable: [],
  };
}

/** smallJourney() exactly as the version 1 writer (toExportFile before version 2) exported it. */
const V1_FILE =
  '{"type":"touchpoint.journey","version":1,"exportedAt":"2024-05-01T10:00:00.000Z","journey":{"meta":{"schemaVersion":1,"title":"Small map","scenario":"Buying a plan","variant":"future","locale":"en","createdAt":1700000000000},' +
  '"personas":[{"id":"p1","name":"Ana","picture":"🙋‍♀️","goals":"Fast setup","needs":"","frustrations":"Waiting","index":"a0"}],' +
  '"stages":[{"id":"s1","name":"Discover","goal":"Find us","index":"a0"},{"id":"s2","name":"Buy","goal":"","index":"a1"}],' +
  '"lanes":[{"id":"l1","name":"Actions","kind":"actions","index":"a0","collapsed":false},{"id":"l2","name":"Touchpoints","kind":"touchpoints","index":"a1","collapsed":true},{"id":"l3","name":"Emotions","kind":"emotions","index":"a2","collapsed":false},{"id":"l4","name":"Pain points","kind":"painPoints","index":"a3","collapsed":false},{"id":"l5","name":"Opportunities","kind":"opportunities","index":"a4","collapsed":false},{"id":"l6","name":"Metrics","kind":"metrics","index":"a5","collapsed":false}],' +
  '"cards":[{"id":"c1","kind":"note","stageId":"s1","laneId":"l1","index":"a0","text":"Sees an ad"},{"id":"c2","kind":"note","stageId":"s1","laneId":"l1","index":"a1","text":"Asks a friend"},{"id":"c3","kind":"touchpoint","stageId":"s1","laneId":"l2","index":"a0","text":"Instagram","channel":"social","department":"Marketing","momentOfTruth":false},{"id":"c4","kind":"gap","stageId":"s2","laneId":"l4","index":"a0","text":"Checkout fails","severity":3,"expectation":"It works","owner":"IT","status":"inProgress","statusChangedAt":1700000000000},{"id":"c5","kind":"opportunity","stageId":"s2","laneId":"l5","index":"a0","text":"One-click pay","owner":"Product","priority":"high","status":"open"},{"id":"c6","kind":"metric","stageId":"s2","laneId":"l6","index":"a0","text":"Conversion NPS","metric":"NPS","value":-12,"sampleSize":null}],' +
  '"links":[{"id":"c3->c4","from":"c3","to":"c4","label":"leads to"}],' +
  '"emotions":[{"key":"s1:p1","stageId":"s1","personaId":"p1","score":1,"note":"Curious"},{"key":"s2:p1","stageId":"s2","personaId":"p1","score":-2,"note":""}]}}';

function ok(result: MapFileResult) {
  if (!result.ok) throw new Error(`expected the file to read, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function error(result: MapFileResult): ImportError {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

/** A current-version file around a journey part, as text. */
const fileText = (journey: unknown, extra: object = {}) => JSON.stringify({ type: EXPORT_TYPE, version: EXPORT_VERSION, exportedAt: EXPORTED_AT.toISOString(), journey, ...extra });

/** export → text → import → export: the journey part of both files. */
function roundTrip(journey: Journey) {
  const first = toExportFile(journey, EXPORTED_AT);
  const read = ok(parseMapFile(JSON.stringify(first)));
  const second = toExportFile(read.journey, EXPORTED_AT);
  return { first, second, read };
}

/** A map with two personas, an emotion per persona per stage, a map-wide one, and links. */
function journeyWithLinksAndPersonas(): Journey {
  const base = instantiateTemplate('currentJourney', (k) => k, 'en', NOW);
  const [pa] = [...base.personas.values()];
  const pb: Persona = { id: 'pB', name: 'Bogdan', picture: '🧔', goals: 'Cheap', needs: 'Clarity', frustrations: 'Hidden fees', index: keysBetween(pa!.index, null, 1)[0]! };
  const personas = new Map(base.personas).set(pb.id, pb);
  const emotions = new Map(base.emotions);
  [...base.stages.values()].forEach((s, i) => {
    const e: Emotion = { key: `${s.id}:${pb.id}`, stageId: s.id, personaId: pb.id, score: ((i % 5) - 2) as Emotion['score'], note: i === 2 ? 'Price shock' : '' };
    emotions.set(e.key, e);
  });
  const firstStage = [...base.stages.values()][0]!;
  emotions.set(firstStage.id, { key: firstStage.id, stageId: firstStage.id, personaId: null, score: 0, note: 'map-wide' });
  const cardIds = [...base.cards.keys()];
  const links = new Map<string, Link>();
  for (const [from, to, label] of [
    [cardIds[0]!, cardIds[1]!, 'then'],
    [cardIds[1]!, cardIds[5]!, ''],
    [cardIds[5]!, cardIds[0]!, 'back'],
    [cardIds[7]!, cardIds[10]!, 'causes'],
  ] as const) links.set(`${from}->${to}`, { id: `${from}->${to}`, from, to, label });
  return { ...base, personas, emotions, links };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the current format (version 2)', () => {
  it('is version 4, says which app wrote it, and leaves derived values out', () => {
    const file = toExportFile(smallJourney(), EXPORTED_AT);
    expect(EXPORT_VERSION).toBe(4);
    expect(file).toMatchObject({ type: 'touchpoint.journey', app: 'Touchpoint', version: 4, exportedAt: '2024-05-01T10:00:00.000Z' });
    // No survey part unless one is asked for.
    expect('survey' in file).toBe(false);
    expect(file.journey.meta).toEqual({ title: 'Small map', scenario: 'Buying a plan', variant: 'future', locale: 'en', createdAt: NOW });
    expect(file.journey.links).toEqual([{ from: 'c3', to: 'c4', label: 'leads to' }]);
    expect(file.journey.emotions).toEqual([
      { stageId: 's1', personaId: 'p1', score: 1, note: 'Curious' },
      { stageId: 's2', personaId: 'p1', score: -2, note: '' },
    ]);
  });

  it('writes cards with the fields of their own kind only, in map order', () => {
    const j = smallJourney();
    const cards = new Map(j.cards);
    // A stray field of another kind (as a v1 import could leave in a document) is not written.
    cards.set('c1', { ...cards.get('c1')!, owner: 'nobody', severity: 3 } as Card);
    // Listed by stage, then lane, then order; a card of a missing stage goes last.
    cards.set('c0', { id: 'c0', kind: 'note', stageId: 'gone', laneId: 'l1', index: 'a0', text: 'orphan' });
    cards.set('c7', { id: 'c7', kind: 'note', stageId: 's2', laneId: 'l1', index: 'a0', text: 'pays' });
    const file = toExportFile({ ...j, cards }, EXPORTED_AT);
    expect(file.journey.cards[0]).toEqual({ id: 'c1', kind: 'note', stageId: 's1', laneId: 'l1', index: 'a0', text: 'Sees an ad' });
    expect(file.journey.cards.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c7', 'c4', 'c5', 'c6', 'c0']);
  });

  it('gives the same text for the same journey, whatever order its maps are in', () => {
    const j = journeyWithLinksAndPersonas();
    const reversed = (m: ReadonlyMap<string, unknown>) => new Map([...m].reverse());
    const shuffled = {
      ...j,
      personas: reversed(j.personas),
      stages: reversed(j.stages),
      lanes: reversed(j.lanes),
      cards: reversed(j.cards),
      links: reversed(j.links),
      emotions: reversed(j.emotions),
    } as Journey;
    expect(JSON.stringify(toExportFile(shuffled, EXPORTED_AT))).toBe(JSON.stringify(toExportFile(j, EXPORTED_AT)));
  });
});

describe('round trip: export, import, export again gives the same journey', () => {
  it.each(TEMPLATE_IDS)('template %s', (id) => {
    const journey = instantiateTemplate(id, (k) => k, 'en', NOW);
    const { first, second, read } = roundTrip(journey);
    expect(second.journey).toEqual(first.journey);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(read.repairs).toEqual([]);
    expect(read.journey).toEqual({ ...journey, meta: { ...journey.meta } });
  });

  it('a generated map of 1 200 cards', () => {
    const journey = generateJourney(10, 12, 10);
    const { first, second, read } = roundTrip(journey);
    expect(first.journey.cards).toHaveLength(1200);
    expect(JSON.stringify(second.journey)).toBe(JSON.stringify(first.journey));
    expect(read.repairs).toEqual([]);
  });

  it('a map with links, two personas and an emotional curve per persona', () => {
    const journey = journeyWithLinksAndPersonas();
    const { first, second, read } = roundTrip(journey);
    expect(first.journey.links).toHaveLength(4);
    expect(first.journey.personas).toHaveLength(2);
    expect(first.journey.emotions).toHaveLength(13);
    expect(second.journey).toEqual(first.journey);
    expect(read.repairs).toEqual([]);
    expect(read.journey.links).toEqual(journey.links);
    expect(read.journey.emotions).toEqual(journey.emotions);
  });

  it('a file saved with a byte order mark', () => {
    const text = '\uFEFF' + JSON.stringify(toExportFile(smallJourney(), EXPORTED_AT));
    expect(ok(parseMapFile(text)).journey).toEqual(smallJourney());
  });
});

describe('older versions', () => {
  it('reads a version 1 file (as the server exported it) into the same journey', () => {
    const read = ok(parseMapFile(V1_FILE));
    expect(read.repairs).toEqual([]);
    expect(read.journey).toEqual(smallJourney());
    // …which exports as version 2 the way the journey itself does.
    expect(toExportFile(read.journey, EXPORTED_AT)).toEqual(toExportFile(smallJourney(), EXPORTED_AT));
  });

  it('migrates v1 → v2 with one pure step per version', () => {
    expect(MIGRATIONS).toHaveLength(EXPORT_VERSION - 1);
    const v1 = JSON.parse(V1_FILE) as { version: number; journey: { emotions: object[] } };
    const before = JSON.stringify(v1);
    const v2 = migrate(v1) as unknown as { version: number; app: string; journey: Record<string, unknown> };
    expect(JSON.stringify(v1)).toBe(before); // the input is left alone
    expect(v2.version).toBe(EXPORT_VERSION);
    expect(v2.app).toBe('Touchpoint');
    expect(v2.journey.meta).not.toHaveProperty('schemaVersion');
    expect(v2.journey.links).toEqual([{ from: 'c3', to: 'c4', label: 'leads to' }]);
    expect(v2.journey.emotions).toEqual([
      { stageId: 's1', personaId: 'p1', score: 1, note: 'Curious' },
      { stageId: 's2', personaId: 'p1', score: -2, note: '' },
    ]);
    // A current file passes through untouched.
    const current = { type: EXPORT_TYPE, version: EXPORT_VERSION, journey: {} };
    expect(migrate(current)).toBe(current);
  });

  it('takes an emotion’s stage and persona from its v1 key, and a map-wide one without a persona', () => {
    const v1 = JSON.parse(V1_FILE) as { journey: { emotions: object[] } };
    v1.journey.emotions = [{ key: 's2', stageId: 'wrong', personaId: 'wrong', score: 2, note: '' }];
    const read = ok(readMapFile(v1));
    expect([...read.journey.emotions.values()]).toEqual([{ key: 's2', stageId: 's2', personaId: null, score: 2, note: '' }]);
  });

  it('drops v1 card fields of another kind', () => {
    const v1 = JSON.parse(V1_FILE) as { journey: { cards: Record<string, unknown>[] } };
    v1.journey.cards[0] = { ...v1.journey.cards[0], channel: 'web', owner: 'x' };
    expect(ok(readMapFile(v1)).journey.cards.get('c1')).toEqual({ id: 'c1', kind: 'note', stageId: 's1', laneId: 'l1', index: 'a0', text: 'Sees an ad' });
  });
});

describe('files that cannot be imported', () => {
  it('notJson: text that is not JSON, naming the parser’s complaint', () => {
    const e = error(parseMapFile('{"type": "touchpoint.journey", '));
    expect(e.code).toBe('notJson');
    expect(typeof e.params.detail).toBe('string');
    expect(e.params.detail).not.toBe('');
    expect(e.message).toMatch(/^The file is not JSON \(/);
  });

  it('invalid, never a stack overflow: a value nested 200,000 deep where text belongs', () => {
    const depth = 200_000;
    for (const text of ['['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)]) {
      const e = error(parseMapFile(fileText({ meta: { title: 'x' }, cards: [] }).replace('"x"', text)));
      expect(e.code).toBe('invalid');
      expect(e.message).toMatch(/journey\.meta\.title: not text '(\[…\]|\{…\})'/);
    }
  });

  it('notJson: an empty file', () => {
    for (const text of ['', '  \n', '\uFEFF']) expect(error(parseMapFile(text))).toEqual({ code: 'notJson', params: { detail: 'empty' }, message: 'The file is empty.' });
  });

  it.each([
    ['an object without a type', '{"nodes": []}', ''],
    ['another program’s type', '{"type": "excalidraw", "version": 2, "elements": []}', 'excalidraw'],
    ['a list', '[1, 2, 3]', ''],
    ['a string', '"touchpoint.journey"', ''],
    ['null', 'null', ''],
    ['a number as type', '{"type": 7}', ''],
  ])('notOurs: %s', (_, text, type) => {
    const e = error(parseMapFile(text));
    expect(e.code).toBe('notOurs');
    expect(e.params).toEqual({ type });
    expect(e.message).toMatch(/not a Touchpoint map file/);
  });

  it('newerVersion: names the file’s version and the one understood', () => {
    const e = error(parseMapFile(fileText({ meta: {} }, { version: 5 })));
    expect(e).toEqual({
      code: 'newerVersion',
      params: { version: 5, supported: 4 },
      message: 'The file is version 5, newer than this Touchpoint understands (4). Update Touchpoint to open it.',
    });
  });

  it('tooLarge: refused by its size before it is parsed', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const huge = `{"type":"touchpoint.journey","version":2,"journey":{"meta":{"title":"${'x'.repeat(MAX_FILE_BYTES)}"}}}`;
    const e = error(parseMapFile(huge));
    expect(parse).not.toHaveBeenCalled();
    expect(e.code).toBe('tooLarge');
    expect(e.params).toEqual({ bytes: huge.length, max: MAX_FILE_BYTES });
    expect(e.message).toBe('The file is 6 MB, more than the 6 MB a map file may have.');
  });

  it('tooLarge: counts bytes of UTF-8, not characters, against a given limit', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const text = JSON.stringify({ note: 'ă'.repeat(600) }); // 611 characters, 1 211 bytes
    expect(error(parseMapFile(text, 1000))).toMatchObject({ code: 'tooLarge', params: { bytes: 1211, max: 1000 } });
    expect(parse).not.toHaveBeenCalled();
    expect(error(parseMapFile(text, 1211)).code).toBe('notOurs'); // at the limit: read
  });

  it('utf8Bytes agrees with TextEncoder, lone surrogates included', () => {
    for (const s of ['', 'abc', 'ă', '€', '🙋‍♀️', 'a\uD800b', '\uDC00', 'x😀y\uD83D']) expect(utf8Bytes(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('invalid: a card of an unknown kind, named by its path', () => {
    const file = toExportFile(smallJourney(), EXPORTED_AT);
    (file.journey.cards[3] as unknown as Record<string, unknown>).kind = 'sticker';
    const e = error(parseMapFile(JSON.stringify(file)));
    expect(e.code).toBe('invalid');
    expect(e.params).toEqual({ path: 'journey.cards[3].kind', reason: 'unknownValue', value: 'sticker', count: 1 });
    expect(e.message).toBe("The file is not valid (1 problem): journey.cards[3].kind: unknown value 'sticker'.");
    expect(e.issues).toEqual([{ path: 'journey.cards[3].kind', reason: 'unknownValue', value: 'sticker' }]);
  });

  it('invalid: lists the first few problems, in file order', () => {
    const journey = {
      meta: { title: 'ok' },
      stages: [{ id: 's1', name: 42, index: 'a0' }, 'stage'],
      lanes: [{ id: 'l1', kind: 'actions', index: 'a0', collapsed: 'yes' }],
      cards: [
        { id: 'c1', kind: 'note', stageId: 's1', laneId: 'l1', index: 'a0' },
        { id: 'c2', kind: 'gap', stageId: 's1', laneId: 'l1', index: 'a1', text: '', severity: 7 },
        { id: 'c3', kind: 'note', stageId: 's1', laneId: 'l1', index: 'a2', text: 'fine' },
      ],
      emotions: [{ stageId: 's1', score: 1.5 }],
    };
    const e = error(parseMapFile(fileText(journey)));
    expect(e.code).toBe('invalid');
    expect(e.params).toEqual({ path: 'journey.stages[0].name', reason: 'notText', value: '42', count: 6 });
    expect(e.issues!.map((i) => `${i.path} ${i.reason}`)).toEqual([
      'journey.stages[0].name notText',
      'journey.stages[1] notObject',
      'journey.lanes[0].collapsed notBoolean',
      'journey.cards[0].text missing',
      'journey.cards[1].severity outOfRange',
    ]);
    expect(e.message).toBe(
      "The file is not valid (6 problems): journey.stages[0].name: not text '42'; journey.stages[1]: not an object 'stage'; journey.lanes[0].collapsed: not true or false 'yes'; journey.cards[0].text: missing; journey.cards[1].severity: out of range '7'; ….",
    );
  });

  it('invalid: duplicate ids, a list that is not a list, emotion scores that are not whole', () => {
    const journey = {
      stages: [
        { id: 's1', index: 'a0' },
        { id: 's1', index: 'a1' },
      ],
      cards: {},
      emotions: [{ stageId: 's1', score: 1.5 }],
    };
    expect(error(parseMapFile(fileText(journey))).issues).toEqual([
      { path: 'journey.stages[1].id', reason: 'duplicate', value: 'journey.stages[0]' },
      { path: 'journey.cards', reason: 'notList', value: '' },
      { path: 'journey.emotions[0].score', reason: 'notWholeNumber', value: '1.5' },
    ]);
  });

  it('invalid: stops counting at 20 problems', () => {
    const cards = Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}`, kind: 'sticker', text: '' }));
    const e = error(parseMapFile(fileText({ cards })));
    expect(e.params.count).toBe(20);
    expect(e.issues).toHaveLength(5);
    expect(e.message).toMatch(/^The file is not valid \(20 or more problems\): journey\.cards\[0\]\.kind: unknown value 'sticker';/);
  });

  it('invalid: no journey, or no usable version', () => {
    expect(error(parseMapFile(JSON.stringify({ type: EXPORT_TYPE, version: 2 })))).toMatchObject({
      code: 'invalid',
      params: { path: 'journey', reason: 'missing' },
      message: 'The file has no journey in it.',
    });
    expect(error(parseMapFile(JSON.stringify({ type: EXPORT_TYPE, journey: {} })))).toMatchObject({ code: 'invalid', params: { path: 'version', reason: 'missing', value: '' } });
    expect(error(parseMapFile(JSON.stringify({ type: EXPORT_TYPE, version: '2', journey: {} })))).toMatchObject({ code: 'invalid', params: { path: 'version', reason: 'notNumber', value: '"2"' } });
    expect(error(parseMapFile(JSON.stringify({ type: EXPORT_TYPE, version: 0, journey: {} })))).toMatchObject({ code: 'invalid', params: { path: 'version', reason: 'outOfRange' } });
    expect(error(parseMapFile(JSON.stringify({ type: EXPORT_TYPE, version: 2, journey: [] })))).toMatchObject({ code: 'invalid', params: { path: 'journey', reason: 'notObject' } });
  });

  it('every params value is a string or a number (for the UI’s messages)', () => {
    const results = [
      parseMapFile('nope'),
      parseMapFile('{}'),
      parseMapFile(fileText({}, { version: 9 })),
      parseMapFile('x'.repeat(100), 10),
      parseMapFile(fileText({ cards: [{ id: 'c', kind: 'x' }] })),
    ];
    expect(results.map((r) => error(r).code)).toEqual(['notJson', 'notOurs', 'newerVersion', 'tooLarge', 'invalid']);
    for (const r of results) for (const v of Object.values(error(r).params)) expect(['string', 'number']).toContain(typeof v);
  });
});

describe('comments in the map file (version 3)', () => {
  const thread = {
    id: 't1',
    target: { type: 'card', id: 'c1' },
    stageId: 's1',
    createdAt: NOW,
    createdBy: 'Ana',
    resolvedAt: null,
    resolvedBy: null,
    comments: [{ id: 'k1', authorId: 'p-ana', authorName: 'Ana', text: 'Is this from the Q3 survey? @Marco', createdAt: NOW, editedAt: null, deleted: false, mentions: ['Marco'] }],
  };

  it('carries the threads out and back', () => {
    const file = toExportFile(smallJourney(), EXPORTED_AT, [thread as never]);
    const read = parseMapFile(JSON.stringify(file));
    expect(read.ok && read.comments).toEqual([thread]);
  });

  it('reads a file without comments (and an older file) as having none', () => {
    const read = parseMapFile(JSON.stringify(toExportFile(smallJourney(), EXPORTED_AT)));
    expect(read.ok && read.comments).toEqual([]);
    const v1 = parseMapFile(V1_FILE);
    expect(v1.ok && v1.comments).toEqual([]);
  });

  it('refuses a file whose comment does not read, naming it, and imports nothing', () => {
    const bad = { ...toExportFile(smallJourney(), EXPORTED_AT, [thread as never]) };
    (bad.comments![0]!.comments[0] as { text: unknown }).text = 42;
    const read = parseMapFile(JSON.stringify(bad));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error.issues?.[0]).toEqual({ path: 'comments[0].comments[0].text', reason: 'notText', value: '42' });
  });
});

describe('survey figures in the map file (version 4)', () => {
  // c3 is the small map's touchpoint (in stage s1).
  const figures = new Map<string, MapFigure>([
    [figureKey(touchpointTarget('c3'), 'NPS', '2026-Q2'), { value: 12, n: 40 }],
    [figureKey(touchpointTarget('c3'), 'NPS', '2026-Q1'), { value: -4, n: 25 }],
    [figureKey(stageTarget('s2'), 'CES', '2026-Q2'), { value: 5.25, n: 80 }],
    // A figure of a touchpoint no longer on the map is not written.
    [figureKey(touchpointTarget('gone'), 'CSAT', '2026-Q2'), { value: 70, n: 10 }],
  ]);
  const verbatims = new Map<string, Verbatim>([
    ['c3:2026-05-02:7', { id: 'c3:2026-05-02:7', touchpointId: 'c3', stageId: 's1', metric: 'NPS', score: 2, date: '2026-05-02', text: 'Waited forty minutes', segment: 'new' }],
  ]);
  const withSurvey = () => toExportFile(smallJourney(), EXPORTED_AT, [], surveyOfMap(smallJourney(), { figures, verbatims }));

  it('carries the figures per touchpoint or stage and quarter, and the comments, and reads them back', () => {
    const file = withSurvey();
    expect(file.survey?.figures).toEqual([
      { touchpointId: 'c3', metric: 'NPS', quarter: '2026-Q1', value: -4, n: 25 },
      { touchpointId: 'c3', metric: 'NPS', quarter: '2026-Q2', value: 12, n: 40 },
      { stageId: 's2', metric: 'CES', quarter: '2026-Q2', value: 5.25, n: 80 },
    ]);
    expect(file.survey?.verbatims).toEqual([{ touchpointId: 'c3', stageId: 's1', metric: 'NPS', score: 2, date: '2026-05-02', text: 'Waited forty minutes', segment: 'new' }]);
    const read = parseMapFile(JSON.stringify(file), undefined, readSurveyPart);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.repairs).toEqual([]);
    expect([...read.survey.figures]).toEqual([...figures].filter(([key]) => !key.startsWith('t:gone')).sort(([a], [b]) => (a < b ? -1 : 1)).sort((a, b) => (a[0].startsWith('s:') ? 1 : 0) - (b[0].startsWith('s:') ? 1 : 0)));
    expect([...read.survey.verbatims.values()].map(({ id: _, ...q }) => q)).toEqual([{ touchpointId: 'c3', stageId: 's1', metric: 'NPS', score: 2, date: '2026-05-02', text: 'Waited forty minutes', segment: 'new' }]);
    // Export → import → export writes the same survey part.
    expect(surveyOfMap(read.journey, read.survey)).toEqual(file.survey);
  });

  it('keeps the survey part unread for later when read without a reader (the browser loads it then)', () => {
    const read = parseMapFile(JSON.stringify(withSurvey()));
    expect(read.ok && read.survey.figures.size).toBe(0);
    expect(read.ok && read.surveyPart).toEqual(withSurvey().survey);
  });

  it('reads a file without a survey, and every older version, as having none', () => {
    for (const text of [JSON.stringify(toExportFile(smallJourney(), EXPORTED_AT)), V1_FILE, JSON.stringify({ ...toExportFile(smallJourney(), EXPORTED_AT), version: 2 }), JSON.stringify({ ...toExportFile(smallJourney(), EXPORTED_AT), version: 3 })]) {
      const read = parseMapFile(text, undefined, readSurveyPart);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.survey.figures.size + read.survey.verbatims.size).toBe(0);
      expect(read.repairs).toEqual([]);
    }
  });

  it('imports the map without a survey part that does not read, and says where it went wrong', () => {
    const file = withSurvey() as unknown as { survey: { figures: Record<string, unknown>[] } };
    file.survey.figures[1]!.quarter = 'spring';
    const read = parseMapFile(JSON.stringify(file), undefined, readSurveyPart);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.journey.cards.size).toBe(smallJourney().cards.size);
    expect(read.survey.figures.size).toBe(0);
    expect(read.repairs).toEqual([{ code: 'surveyUnreadable', count: 1, params: { path: 'survey.figures[1].quarter', reason: 'unknownValue', value: 'spring' } }]);
    for (const bad of [{ figures: 'many' }, { figures: [{ touchpointId: 'c3', metric: 'NPS', quarter: '2026-Q2', value: 400, n: 3 }] }, { figures: [{ metric: 'NPS', quarter: '2026-Q2', value: 4, n: 3 }] }, 'yes']) {
      const other = parseMapFile(JSON.stringify({ ...toExportFile(smallJourney(), EXPORTED_AT), survey: bad }), undefined, readSurveyPart);
      expect(other.ok && other.repairs[0]?.code).toBe('surveyUnreadable');
    }
  });

  it('leaves out, and counts, figures of touchpoints and stages the map does not have', () => {
    const file = withSurvey();
    file.survey!.figures.push({ touchpointId: 'c1', metric: 'CSAT', quarter: '2026-Q2', value: 50, n: 4 }, { stageId: 'nowhere', metric: 'CSAT', quarter: '2026-Q2', value: 50, n: 4 });
    const read = parseMapFile(JSON.stringify(file), undefined, readSurveyPart);
    expect(read.ok && read.repairs).toEqual([{ code: 'figureRemoved', count: 2, params: {} }]);
    expect(read.ok && read.survey.figures.size).toBe(3);
  });
});
