import { describe, expect, it } from 'vitest';
import { planCsvImport } from './csvImport';
import { sortByIndex } from './order';
import { instantiateTemplate } from './templates';
import type { Journey } from './types';

const keys = (k: string) => k;
const current = () => instantiateTemplate('currentJourney', keys, 'en', 0);
const blank = () => instantiateTemplate('blank', keys, 'en', 0);

const stageId = (j: Journey, name: string) => [...j.stages.values()].find((s) => s.name === name)!.id;
const laneId = (j: Journey, name: string) => [...j.lanes.values()].find((l) => l.name === name)!.id;

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
