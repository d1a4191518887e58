// The import planner (src/journey/csvImport.ts) with what src/journey may not import: the CSV
// writer, for the round trip, and the i18n catalogue, for the row messages as the dialog says them.
import { beforeAll, describe, expect, it } from 'vitest';
import { sortByIndex } from '../journey/order';
import { instantiateTemplate } from '../journey/templates';
import type { Card } from '../journey/types';
import { planCsvImport, type PlannedCard } from '../journey/csvImport';
import { cardsInMapOrder, journeyToCsv } from './csv';
import { translate } from '../i18n/catalogue';
import { csvWordsOfAllLocales } from './csvWords';
import type { CsvWords } from '../journey/csvFormat';

const keys = (k: string) => k;
const current = () => instantiateTemplate('currentJourney', keys, 'en', 0);
const blank = () => instantiateTemplate('blank', keys, 'en', 0);

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

describe('planCsvImport: files in another language', () => {
  let words: CsvWords[] = [];
  beforeAll(async () => {
    words = await csvWordsOfAllLocales();
  });

  for (const locale of ['ro', 'it'] as const)
    it(`reads a file exported in ${locale} back in an English interface: same cards, fields and links`, () => {
      const j = current();
      const cards = [...j.cards.values()];
      const [from, to] = [cards.find((c) => c.text === 'template.card.8')!, cards.find((c) => c.text === 'template.card.10')!];
      // The metrics lane has no name: the file names it by its kind, in the file's language.
      const lanes = new Map([...j.lanes].map(([id, l]) => [id, l.kind === 'metrics' ? { ...l, name: '' } : l]));
      const linked = { ...j, lanes, links: new Map([[`${from.id}->${to.id}`, { id: `${from.id}->${to.id}`, from: from.id, to: to.id, label: '' }]]) };
      const csv = journeyToCsv(linked, keys, { delimiter: ';', locale });
      expect(csv).toContain(`;${translate(locale, 'lane.kind.metrics')};`);
      expect(csv).not.toContain('inProgress');
      const plan = planCsvImport(linked, csv, { words });
      expect(plan.errors).toEqual([]);
      expect(plan.warnings).toEqual([]);
      expect(plan.newStages).toEqual([]);
      expect(plan.newLanes).toEqual([]);
      const order = cardsInMapOrder(linked);
      expect(plan.rows.map((r) => [r.stage, r.lane, r.kind, r.text, r.fields])).toEqual(
        order.map((c) => [{ existing: c.stageId }, { existing: c.laneId }, c.kind, c.text, fieldsOf(c)]),
      );
      expect(plan.rows[plan.rows.findIndex((r) => r.text === 'template.card.8')]!.links).toEqual([{ row: plan.rows.findIndex((r) => r.text === 'template.card.10') }]);
      // Into another map too.
      expect(planCsvImport(blank(), csv, { words }).errors).toEqual([]);
    });

  it('imports a hand-made file with Italian headers and values into an English interface', () => {
    const csv = [
      'Fase;Tipo;Testo;Canale;Momento della verità;Gravità;Stato;Priorità;Metrica;Valore;Evidenza',
      'Acquisto;Punto di contatto;Visita in negozio;Negozio;Sì;;;;;;Sondaggio',
      'Acquisto;Pain point;Troppi moduli;;;Alta;In corso;;;;',
      'Acquisto;Opportunità;Firma digitale;;;;Aperto;Priorità alta;;;Ipotesi',
      'Acquisto;Metrica;NPS negozio;;;;;;NPS;-12;',
      'Acquisto;Metrica;Altra misura;;;;;;Altro;4,5;',
    ].join('\r\n');
    const plan = planCsvImport(blank(), csv, { words });
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => [r.kind, r.text, r.fields])).toEqual([
      ['touchpoint', 'Visita in negozio', { channel: 'store', department: '', momentOfTruth: true, evidence: 'survey' }],
      ['gap', 'Troppi moduli', { severity: 3, expectation: '', owner: '', status: 'inProgress' }],
      ['opportunity', 'Firma digitale', { owner: '', priority: 'high', status: 'open', evidence: 'assumption' }],
      ['metric', 'NPS negozio', { metric: 'NPS', value: -12, sampleSize: null }],
      ['metric', 'Altra misura', { metric: 'other', value: 4.5, sampleSize: null }],
    ]);
    // Without the catalogues' words, the same file names no column the importer knows.
    expect(planCsvImport(blank(), csv).errors.map((e) => e.code)).toEqual(['missingColumns']);
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
});
