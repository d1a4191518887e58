import { describe, expect, it } from 'vitest';
import { sortByIndex } from '../journey/order';
import { instantiateTemplate } from '../journey/templates';
import type { Card, Journey } from '../journey/types';
import { cardsInMapOrder, journeyToCsv } from './csv';
import { planCsvImport, type PlannedCard } from './csvImport';
import { translate } from '../i18n/catalogue';

const keys = (k: string) => k;
const current = () => instantiateTemplate('currentJourney', keys, 'en', 0);
const blank = () => instantiateTemplate('blank', keys, 'en', 0);

const stageId = (j: Journey, name: string) => [...j.stages.values()].find((s) => s.name === name)!.id;
const laneId = (j: Journey, name: string) => [...j.lanes.values()].find((l) => l.name === name)!.id;

/** The kind-specific fields of a card, as a plan row holds them. */
function fieldsOf(card: Card): PlannedCard['fields'] {
  const { id: _id, stageId: _s, laneId: _l, index: _i, text: _t, kind: _k, ...fields } = card as Card & { statusChangedAt?: number; statusChangedBy?: string };
  // When and by whom a status changed is not in the CSV.
  delete (fields as { statusChangedAt?: number }).statusChangedAt;
  delete (fields as { statusChangedBy?: string }).statusChangedBy;
  return fields;
}

const HEADER = 'stage,lane,kind,text,channel,department,moment_of_truth,severity,owner,status,priority,metric,value,sample_size';

describe('planCsvImport: round trip', () => {
  it('reads its own export back into the same map: same cards, fields and links, nothing new', () => {
    const j = current();
    const cards = [...j.cards.values()];
    const [from, to] = [cards.find((c) => c.text === 'template.card.8')!, cards.find((c) => c.text === 'template.card.10')!];
    const linked = { ...j, links: new Map([[`${from.id}->${to.id}`, { id: `${from.id}->${to.id}`, from: from.id, to: to.id, label: '' }]]) };
    const plan = planCsvImport(linked, journeyToCsv(linked, keys));
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.newStages).toEqual([]);
    expect(plan.newLanes).toEqual([]);
    const order = cardsInMapOrder(linked);
    expect(plan.rows).toHaveLength(order.length);
    plan.rows.forEach((row, i) => {
      const card = order[i]!;
      expect(row.line).toBe(i + 2);
      expect(row.stage).toEqual({ existing: card.stageId });
      expect(row.lane).toEqual({ existing: card.laneId });
      expect(row.kind).toBe(card.kind);
      expect(row.text).toBe(card.text);
      expect(row.fields).toEqual(fieldsOf(card));
    });
    const fromRow = plan.rows.findIndex((r) => r.text === 'template.card.8');
    const toRow = plan.rows.findIndex((r) => r.text === 'template.card.10');
    expect(plan.rows[fromRow]!.links).toEqual([{ row: toRow }]);
  });

  it('into another map plans each missing stage and lane once, in file order, with its kind', () => {
    const source = current();
    const plan = planCsvImport(blank(), journeyToCsv(source, keys));
    expect(plan.errors).toEqual([]);
    expect(plan.newStages).toEqual(sortByIndex(source.stages.values()).map((s) => s.name));
    // The blank map has actions … opportunities lanes under the same names; only metrics is new.
    expect(plan.newLanes).toEqual([{ name: 'lane.kind.metrics', kind: 'metrics' }]);
    expect(plan.rows).toHaveLength(source.cards.size);
    expect(plan.rows.every((r) => 'created' in r.stage)).toBe(true);
  });

  it('round-trips formula-looking, quoted and multi-line text exactly', () => {
    const j = blank();
    const stage = sortByIndex(j.stages.values())[0]!;
    const lane = sortByIndex(j.lanes.values())[0]!;
    const texts = ['=1+2', '+40 722 000 000', '@here', '\tindent', "'=x", "''@y", '-2 points', 'say "hi", ok', 'line 1\nline 2', 'Ștefan: ă î ș ț à è'];
    const cards = new Map<string, Card>(texts.map((text, i) => [`c${i}`, { id: `c${i}`, kind: 'note', stageId: stage.id, laneId: lane.id, index: `a${i}`, text }]));
    const withCards = { ...j, cards };
    for (const delimiter of [',', ';'] as const) {
      const plan = planCsvImport(withCards, journeyToCsv(withCards, keys, { delimiter }));
      expect(plan.errors).toEqual([]);
      expect(plan.rows.map((r) => r.text)).toEqual(texts);
    }
  });
});

describe('planCsvImport: reading files', () => {
  it('reads a ;-separated Excel file (ro locale) with a BOM, CRLF, decimal commas and any column order', () => {
    const j = current();
    const csv =
      '\uFEFFText;Stage;Lane;Metric;Value;Sample size\r\n' +
      '"Scorul NPS; trimestrul 3";template.stage.awareness;Metrics;nps;-12,5;1250\r\n' +
      'Mulțumire aplicație;TEMPLATE.STAGE.USE;METRICS;CSAT;78;\r\n';
    const plan = planCsvImport(j, csv);
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => [r.text, r.stage, r.lane, r.kind, r.fields])).toEqual([
      ['Scorul NPS; trimestrul 3', { existing: stageId(j, 'template.stage.awareness') }, { existing: laneId(j, 'lane.kind.metrics') }, 'metric', { metric: 'NPS', value: -12.5, sampleSize: 1250 }],
      ['Mulțumire aplicație', { existing: stageId(j, 'template.stage.use') }, { existing: laneId(j, 'lane.kind.metrics') }, 'metric', { metric: 'CSAT', value: 78, sampleSize: null }],
    ]);
  });

  it('matches header names without case, spaces or underscores, and stage names without case or spacing', () => {
    const j = blank();
    const csv = 'STAGE,Lane Kind,Moment Of Truth,TEXT,channel\n  template.stage.FIRST ,touchpoints,Yes,Site,WEB\n';
    const plan = planCsvImport(j, csv);
    expect(plan.errors).toEqual([]);
    expect(plan.rows[0]).toMatchObject({ stage: { existing: stageId(j, 'template.stage.first') }, lane: { existing: laneId(j, 'lane.kind.touchpoints') }, kind: 'touchpoint' });
    expect(plan.rows[0]!.fields).toMatchObject({ channel: 'web', momentOfTruth: true });
  });

  it('matches Romanian names written with the old cedilla letters or decomposed accents', () => {
    const j = blank();
    const first = sortByIndex(j.stages.values())[0]!;
    const ro = { ...j, stages: new Map([[first.id, { ...first, name: 'Căutare și ținte' }]]) };
    const plan = planCsvImport(ro, 'stage,kind,text\nCĂUTARE ŞI ŢINTE,note,a\n' + 'Ca\u0306utare s\u0326i t\u0326inte,note,b\n');
    expect(plan.errors).toEqual([]);
    expect(plan.newStages).toEqual([]);
    expect(plan.rows.map((r) => r.stage)).toEqual([{ existing: first.id }, { existing: first.id }]);
  });

  it('finds a lane by its kind name, else creates one whose kind follows the card kind', () => {
    const j = blank();
    const csv = [
      'stage,lane,kind,text',
      'template.stage.first,painPoints,,by kind name',
      'template.stage.first,Feelings,note,new lane from a note',
      'template.stage.first,feelings,,same new lane',
      'template.stage.first,Numbers,metric,new metrics lane',
      'Stage 9,Gaps we know,gap,new stage and lane',
      'Stage 9,,opportunity,no lane: the opportunities lane',
      'template.stage.first,metrics,,kind name of the new metrics lane',
    ].join('\n');
    const plan = planCsvImport(j, csv, { labels: (k) => `L(${k})` });
    expect(plan.errors).toEqual([]);
    expect(plan.newStages).toEqual(['Stage 9']);
    expect(plan.newLanes).toEqual([
      { name: 'Feelings', kind: 'actions' },
      { name: 'Numbers', kind: 'metrics' },
      { name: 'Gaps we know', kind: 'painPoints' },
    ]);
    expect(plan.rows.map((r) => r.lane)).toEqual([
      { existing: laneId(j, 'lane.kind.painPoints') },
      { created: 0 },
      { created: 0 },
      { created: 1 },
      { created: 2 },
      { existing: laneId(j, 'lane.kind.opportunities') },
      { created: 1 },
    ]);
    expect(plan.rows.map((r) => r.kind)).toEqual(['gap', 'note', 'note', 'metric', 'gap', 'opportunity', 'metric']);
    expect(plan.rows[5]!.stage).toEqual({ created: 0 });
  });

  it('names a lane created from a kind alone with the translated kind', () => {
    const plan = planCsvImport(blank(), 'stage,kind,text\nS,metric,NPS\nS,metric,CES\n', { labels: (k) => (k === 'lane.kind.metrics' ? 'Metrics' : k) });
    expect(plan.newLanes).toEqual([{ name: 'Metrics', kind: 'metrics' }]);
    expect(plan.rows.map((r) => r.lane)).toEqual([{ created: 0 }, { created: 0 }]);
  });

  it('accepts a file without the optional columns, with LF line ends and no BOM', () => {
    const plan = planCsvImport(blank(), 'stage,lane,text\ntemplate.stage.second,lane.kind.actions,Calls the shop\n');
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([expect.objectContaining({ line: 2, kind: 'note', text: 'Calls the shop', fields: {}, links: [] })]);
  });

  it('refuses a header without the required columns, and an empty file', () => {
    expect(planCsvImport(blank(), 'stage,lane\nS,L\n').errors).toEqual([{ line: 1, code: 'missingColumns', params: { missing: '"text"' } }]);
    expect(planCsvImport(blank(), 'text,channel\nx,web\n').errors).toEqual([{ line: 1, code: 'missingColumns', params: { missing: '"stage", "lane" or "kind"' } }]);
    expect(planCsvImport(blank(), '\uFEFF').errors).toEqual([{ line: 1, code: 'empty', params: {} }]);
    expect(planCsvImport(blank(), 'stage,lane\nS,L\n').rows).toEqual([]);
  });

  it('links by text, to rows of the file first, then to cards of the map, and warns about the rest', () => {
    const j = current();
    const csv = [
      'stage,lane,text,links_to',
      'template.stage.use,lane.kind.actions,A,B; template.card.16; nowhere',
      'template.stage.use,lane.kind.actions,B,"x; y"',
      'template.stage.use,lane.kind.actions,x; y,A;B',
    ].join('\r\n');
    const plan = planCsvImport(j, csv);
    const appCard = [...j.cards.values()].find((c) => c.text === 'template.card.16')!;
    expect(plan.rows.map((r) => r.links)).toEqual([[{ row: 1 }, { card: appCard.id }], [{ row: 2 }], [{ row: 0 }, { row: 1 }]]);
    expect(plan.warnings).toEqual([{ line: 2, code: 'missingLinkTarget', params: { name: 'nowhere' } }]);
  });
});

describe('planCsvImport: bad rows', () => {
  it('reports every kind of bad row by its line and still plans the good ones', () => {
    const j = current();
    const csv = [
      HEADER, // 1
      'template.stage.use,lane.kind.touchpoints,touchpoint,Good touchpoint,app,IT,yes,,,,,,,', // 2
      'template.stage.use,lane.kind.touchpoints,touchpoint,Bad channel,pigeon,IT,,,,,,,,', // 3
      'template.stage.use,lane.kind.painPoints,gap,Bad status,,,,2,Sales,closed,,,,', // 4
      'template.stage.use,lane.kind.opportunities,opportunity,Bad priority,,,,,Sales,open,urgent,,,', // 5
      'template.stage.use,lane.kind.metrics,metric,Bad metric,,,,,,,,ROI,3,10', // 6
      'template.stage.use,lane.kind.painPoints,gap,Bad severity,,,,4,,,,,,', // 7
      'template.stage.use,lane.kind.metrics,metric,Bad value,,,,,,,,NPS,a lot,10', // 8
      'template.stage.use,lane.kind.metrics,metric,Bad sample,,,,,,,,NPS,10,about 40', // 9
      'template.stage.use,lane.kind.actions,note,   ,,,,,,,,,,', // 10
      'template.stage.use,lane.kind.actions,note,Too few fields', // 11
      '"Stage with', // 12: a quoted stage name over two lines, then a good note
      'a line break",lane.kind.actions,note,"Good note,', // 13
      'over two lines",,,,,,,,,,', // 14
      'template.stage.use,lane.kind.actions,note,Too many,,,,,,,,,,,extra', // 15
      'template.stage.use,lane.kind.emotions,note,In the curve,,,,,,,,,,', // 16
      'template.stage.use,lane.kind.actions,touchpoint,Wrong lane,web,,,,,,,,,', // 17
      'template.stage.use,lane.kind.actions,sticky,Unknown kind,,,,,,,,,,', // 18
      ',lane.kind.actions,note,No stage,,,,,,,,,,', // 19
      'New stage from a bad row,lane.kind.actions,note,,,,,,,,,,,', // 20
      'template.stage.use,lane.kind.touchpoints,touchpoint,Bad moment,web,,maybe,,,,,,,', // 21
      'template.stage.use,Brand new lane,,No kind for the new lane,,,,,,,,,,', // 22
      ',,,,,,,,,,,,,', // 23: empty, skipped
      'template.stage.use,lane.kind.painPoints,gap,Good gap,,,,High,,In progress,,,,', // 24
    ].join('\r\n');
    const plan = planCsvImport(j, csv);
    // As the dialog says it, in English.
    const lines = (pattern: RegExp) => plan.errors.filter((e) => pattern.test(translate('en', `csvImport.${e.code}`, e.params))).map((e) => e.line);
    expect(lines(/channel "pigeon"/)).toEqual([3]);
    expect(lines(/status "closed"/)).toEqual([4]);
    expect(lines(/priority "urgent"/)).toEqual([5]);
    expect(lines(/metric "ROI"/)).toEqual([6]);
    expect(lines(/Severity "4"/)).toEqual([7]);
    expect(lines(/value "a lot" is not a number/)).toEqual([8]);
    expect(lines(/sample size "about 40"/)).toEqual([9]);
    expect(lines(/text is empty/)).toEqual([10, 20]);
    expect(lines(/fields but the header has 14/)).toEqual([11, 15]);
    expect(lines(/emotional curve/)).toEqual([16]);
    expect(lines(/touchpoint card cannot go in lane "lane.kind.actions"/)).toEqual([17]);
    expect(lines(/kind "sticky"/)).toEqual([18]);
    expect(lines(/stage is empty/)).toEqual([19]);
    expect(lines(/Moment of truth "maybe"/)).toEqual([21]);
    expect(lines(/kind of the new lane is unknown/)).toEqual([22]);
    expect(new Set(plan.errors.map((e) => e.line)).size).toBe(plan.errors.length);

    expect(plan.rows.map((r) => [r.line, r.text])).toEqual([
      [2, 'Good touchpoint'],
      [12, 'Good note,\r\nover two lines'], // the line break inside the quotes is kept as written
      [24, 'Good gap'],
    ]);
    expect(plan.rows[2]!.fields).toEqual({ severity: 3, expectation: '', owner: '', status: 'inProgress' });
    // Only good rows plan new stages and lanes.
    expect(plan.newStages).toEqual(['Stage with\r\na line break']);
    expect(plan.newLanes).toEqual([]);
  });

  it('counts lines in files whose quoted fields hold CRLF or LF line breaks', () => {
    const csv = 'stage,kind,text\r\nS,note,"a\r\nb\nc"\r\nS,bogus,x\r\n';
    expect(planCsvImport(blank(), csv).errors).toEqual([{ line: 5, code: 'unknownKind', params: { value: 'bogus', allowed: expect.stringContaining('note') } }]);
  });

  it('reports an unclosed quote at the line of the row where it opens', () => {
    const csv = 'stage,kind,text\nS,note,fine\nS,note,"never closed\nS,note,lost\n';
    const plan = planCsvImport(blank(), csv);
    expect(plan.rows.map((r) => r.text)).toEqual(['fine']);
    expect(plan.errors).toEqual([{ line: 3, code: 'rowUnclosedQuote', params: { detail: '' } }]);
  });
});
