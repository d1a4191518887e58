import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllLocales, translate, type MessageKey } from '../i18n/catalogue';
import { sortByIndex, keysBetween } from '../journey/order';
import { instantiateTemplate } from '../journey/templates';
import type { Card, Journey } from '../journey/types';
import { BOM, CSV_COLUMNS, guardFormula, unguardFormula } from '../journey/csvFormat';
import { cardsInMapOrder, csvField, journeyToCsv } from './csv';

const keys = (k: string) => k;

/** The template map, with one link (touchpoint → its gap) so `links_to` has something to say. */
function template(): Journey {
  const j = instantiateTemplate('currentJourney', keys, 'en', 0);
  const cards = [...j.cards.values()];
  const from = cards.find((c) => c.text === 'template.card.8')!;
  const to = cards.find((c) => c.text === 'template.card.10')!;
  const to2 = cards.find((c) => c.text === 'template.card.11')!;
  const links = new Map([
    [`${from.id}->${to2.id}`, { id: `${from.id}->${to2.id}`, from: from.id, to: to2.id, label: '' }],
    [`${from.id}->${to.id}`, { id: `${from.id}->${to.id}`, from: from.id, to: to.id, label: 'causes' }],
  ]);
  return { ...j, links };
}

/** A journey of one stage and one lane holding notes with the given texts. */
function notes(texts: string[]): Journey {
  const j = instantiateTemplate('blank', keys, 'en', 0);
  const stage = sortByIndex(j.stages.values())[0]!;
  const lane = sortByIndex(j.lanes.values())[0]!;
  const idx = keysBetween(null, null, texts.length);
  const cards: Card[] = texts.map((text, i) => ({ id: `n${i}`, kind: 'note', stageId: stage.id, laneId: lane.id, index: idx[i]!, text }));
  return { ...j, cards: new Map(cards.map((c) => [c.id, c])) };
}

const parse = (csv: string, delimiter = ',') => Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, delimiter, skipEmptyLines: true });

describe('journeyToCsv', () => {
  it('starts with a BOM, ends lines with CRLF and names the columns in fixed English', () => {
    const csv = journeyToCsv(template(), keys);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe(CSV_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes one row per card in map order: stage, then lane, then rank in the cell', () => {
    const j = template();
    const rows = parse(journeyToCsv(j, keys)).data;
    expect(rows).toHaveLength(j.cards.size);
    const stages = sortByIndex(j.stages.values()).map((s) => s.name);
    const lanes = sortByIndex(j.lanes.values()).map((l) => l.name);
    const position = rows.map((r) => [stages.indexOf(r.stage!), lanes.indexOf(r.lane!)]);
    const sorted = [...position].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(position).toEqual(sorted);
    expect(rows.map((r) => r.text)).toEqual(cardsInMapOrder(j).map((c) => c.text));
  });

  it('parses back with papaparse to the same cards and fields', () => {
    const j = template();
    const rows = parse(journeyToCsv(j, keys)).data;
    cardsInMapOrder(j).forEach((card, i) => {
      const row = rows[i]!;
      expect(row.stage).toBe(j.stages.get(card.stageId)!.name);
      expect(row.lane).toBe(j.lanes.get(card.laneId)!.name);
      expect(row.lane_kind).toBe(j.lanes.get(card.laneId)!.kind);
      expect(row.kind).toBe(card.kind);
      expect(row.text).toBe(card.text);
      switch (card.kind) {
        case 'touchpoint':
          expect([row.channel, row.department, row.moment_of_truth]).toEqual([card.channel, card.department, card.momentOfTruth ? 'yes' : '']);
          break;
        case 'gap':
          expect([row.severity, row.owner, row.status, row.expectation]).toEqual([String(card.severity), card.owner, card.status, card.expectation]);
          break;
        case 'opportunity':
          expect([row.owner, row.priority, row.status]).toEqual([card.owner, card.priority, card.status]);
          break;
        case 'metric':
          expect([row.metric, row.value, row.sample_size]).toEqual([card.metric, String(card.value ?? ''), String(card.sampleSize ?? '')]);
          break;
        case 'note':
          expect(row.channel! + row.severity + row.owner + row.status + row.metric).toBe('');
      }
    });
    const advisor = rows.find((r) => r.text === 'template.card.8')!;
    expect(advisor.links_to).toBe('template.card.10; template.card.11');
    expect(advisor.moment_of_truth).toBe('yes');
    expect(rows.find((r) => r.kind === 'opportunity')!.status).toBe('open');
    expect(rows.find((r) => r.status === 'inProgress')).toBeDefined();
  });

  it('keeps diacritics and emoji as they are', () => {
    const texts = ['Clientul așteaptă în magazin: ă î ș ț â', 'Il cliente è già arrivato: à è ì ò ù', 'Ștefan 😫'];
    const rows = parse(journeyToCsv(notes(texts), keys)).data;
    expect(rows.map((r) => r.text)).toEqual(texts);
  });

  it('quotes fields with a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    const texts = ['plain', 'a, b', 'she said "no"', 'two\nlines', 'crlf\r\ninside', 'a;b'];
    const csv = journeyToCsv(notes(texts), keys);
    expect(csv).toContain(',plain,');
    expect(csv).toContain(',"a, b",');
    expect(csv).toContain(',"she said ""no""",');
    expect(csv).toContain(',"two\nlines",');
    expect(csv).toContain(',a;b,');
    expect(parse(csv).data.map((r) => r.text)).toEqual(texts);
    expect(csvField('x')).toBe('x');
    expect(csvField('"')).toBe('""""');
  });

  it('writes a ;-separated file for spreadsheets in ro/it locales, quoting ; instead of ,', () => {
    const texts = ['a, b', 'a;b'];
    const csv = journeyToCsv(notes(texts), keys, { delimiter: ';' });
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe(CSV_COLUMNS.join(';'));
    expect(csv).toContain(';a, b;');
    expect(csv).toContain(';"a;b";');
    expect(parse(csv, ';').data.map((r) => r.text)).toEqual(texts);
  });

  it('guards formula-looking text with an apostrophe (= + - @ tab CR), as OWASP recommends', () => {
    const texts = ['=HYPERLINK("http://x","click")', '+1 555', '@SUM(A1)', '\t=1', '-5 minutes wait', '-1+cmd|\' /C calc\'!A0', '\r=2', "'=already quoted", "''-two apostrophes", 'a=b', 'a-b'];
    const rows = parse(journeyToCsv(notes(texts), keys)).data;
    expect(rows.map((r) => r.text)).toEqual([
      `'=HYPERLINK("http://x","click")`,
      "'+1 555",
      "'@SUM(A1)",
      "'\t=1",
      "'-5 minutes wait",
      "'-1+cmd|' /C calc'!A0",
      "'\r=2",
      "''=already quoted",
      "'''-two apostrophes",
      'a=b',
      'a-b',
    ]);
    expect(rows.map((r) => unguardFormula(r.text!))).toEqual(texts);
  });

  it('guard and unguard are exact inverses', () => {
    for (const text of ['', "'", "''", "'a", "'=", "''=x", '=', '+', '@', '-', "'-", "''-1", '\r', "'\t", 'x', "'''@"]) {
      expect(unguardFormula(guardFormula(text))).toBe(text);
    }
    expect(guardFormula('-1')).toBe("'-1");
    expect(unguardFormula("'-1")).toBe('-1');
  });

  it('leaves a negative figure in a value column as it is: it is a number, not user text', () => {
    const nps = parse(journeyToCsv(template(), keys)).data.find((r) => r.kind === 'metric' && r.value!.startsWith('-'));
    expect(nps?.value).toMatch(/^-\d/);
  });

  it('names untitled stages and lanes so the file can be read back', () => {
    const j = notes(['x']);
    const stage = sortByIndex(j.stages.values())[0]!;
    const lane = sortByIndex(j.lanes.values())[0]!;
    const unnamed: Journey = {
      ...j,
      stages: new Map([...j.stages].map(([id, s]) => [id, s.id === stage.id ? { ...s, name: '' } : s])),
      lanes: new Map([...j.lanes].map(([id, l]) => [id, l.id === lane.id ? { ...l, name: '' } : l])),
    };
    const row = parse(journeyToCsv(unnamed, (k) => (k === 'stage.untitled' ? 'Untitled stage' : k))).data[0]!;
    expect([row.stage, row.lane]).toEqual(['Untitled stage', 'actions']);
  });

  it('keeps cards whose stage or lane is gone, at the end with an empty stage', () => {
    const j = notes(['placed']);
    const orphan: Card = { id: 'o', kind: 'note', stageId: 'gone', laneId: 'gone', index: 'a0', text: 'orphan' };
    const rows = parse(journeyToCsv({ ...j, cards: new Map([...j.cards, ['o', orphan]]) }, keys)).data;
    expect(rows.map((r) => [r.stage, r.text])).toEqual([
      [sortByIndex(j.stages.values())[0]!.name, 'placed'],
      ['', 'orphan'],
    ]);
  });
});

describe('journeyToCsv in the interface language', () => {
  beforeAll(() => loadAllLocales());

  it('writes the header and the enumerated values in Romanian and Italian, from the catalogue', () => {
    const ro = parse(journeyToCsv(template(), keys, { delimiter: ';', locale: 'ro' }), ';');
    const it_ = parse(journeyToCsv(template(), keys, { delimiter: ';', locale: 'it' }), ';');
    expect(ro.meta.fields).toEqual(CSV_COLUMNS.map((c) => translate('ro', `csv.column.${c}` as MessageKey)));
    expect(it_.meta.fields!.slice(0, 8)).toEqual(['fase', 'corsia', 'tipo_corsia', 'tipo', 'testo', 'canale', 'reparto', 'momento_della_verità']);
    // The same row in English machine names, in Romanian and in Italian.
    const en = parse(journeyToCsv(template(), keys)).data;
    const i = en.findIndex((r) => r.kind === 'touchpoint' && r.moment_of_truth === 'yes');
    expect(it_.data[i]).toMatchObject({ tipo: 'Punto di contatto', canale: translate('it', `channel.${en[i]!.channel as 'web'}`), momento_della_verità: 'Sì' });
    expect(ro.data[i]).toMatchObject({ tip_card: translate('ro', 'card.kind.touchpoint'), moment_al_adevărului: 'Da' });
    const gap = en.findIndex((r) => r.kind === 'gap');
    expect(it_.data[gap]!['gravità']).toBe(translate('it', `severity.short.${en[gap]!.severity as '1'}`));
    expect(it_.data[gap]!.stato).toBe(translate('it', `status.${en[gap]!.status as 'open'}`));
    // Figures and user text stay as they are; metric names like NPS have no translation.
    const metric = en.findIndex((r) => r.kind === 'metric' && r.metric === 'NPS');
    expect(it_.data[metric]).toMatchObject({ metrica: 'NPS', valore: en[metric]!.value, testo: en[metric]!.text });
  });

  it('keeps English files in the machine names', () => {
    const csv = journeyToCsv(template(), keys, { locale: 'en' });
    expect(csv).toBe(journeyToCsv(template(), keys));
    expect(parse(csv).data.some((r) => r.status === 'inProgress' || r.status === 'open')).toBe(true);
  });
});
