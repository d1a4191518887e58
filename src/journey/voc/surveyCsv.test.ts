import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from '../templates';
import { mulberry32 } from '../testing';
import { summarize } from './scores';
import { detectMapping, matchKey, parseSurveyDate, planSurveyImport, surveyTargets, type SurveyTargets } from './surveyCsv';

const TARGETS: SurveyTargets = {
  stages: [
    { id: 's1', name: 'Awareness' },
    { id: 's2', name: 'Înregistrare' },
    { id: 's3', name: 'Suport' },
  ],
  touchpoints: [
    { id: 't1', text: 'Website', stageId: 's1' },
    { id: 't2', text: 'Aplicația mobilă', stageId: 's2' },
    { id: 't3', text: 'Call centre', stageId: 's3' },
  ],
};

const errorsOf = (plan: ReturnType<typeof planSurveyImport>) => plan.errors.map((e) => [e.line, e.code]);

describe('planSurveyImport: good files', () => {
  it('reads an English file: columns by header, answers with their targets, metrics in any case', () => {
    const csv = [
      'Date,Touchpoint,Metric,Score,Comment,Segment',
      '2026-07-01,Website,NPS,9,Quick and clear,Young families',
      '2026-07-02,call centre,ces,3,"Waited 20 minutes, then hung up",',
      '2026-07-03,Suport,Csat,4,,Seniors',
    ].join('\n');
    const plan = planSurveyImport(csv, TARGETS);
    expect(plan.errors).toEqual([]);
    expect(plan.delimiter).toBe(',');
    expect(plan.header).toEqual(['Date', 'Touchpoint', 'Metric', 'Score', 'Comment', 'Segment']);
    expect(plan.mapping).toEqual({ date: 0, target: 1, stage: null, metric: 2, score: 3, comment: 4, segment: 5 });
    expect(plan.preview).toHaveLength(3);
    expect(plan.preview[1]).toEqual(['2026-07-02', 'call centre', 'ces', '3', 'Waited 20 minutes, then hung up', '']);
    expect(plan.responses).toEqual([
      { line: 2, date: '2026-07-01', touchpointId: 't1', stageId: 's1', metric: 'NPS', score: 9, comment: 'Quick and clear', segment: 'Young families' },
      { line: 3, date: '2026-07-02', touchpointId: 't3', stageId: 's3', metric: 'CES', score: 3, comment: 'Waited 20 minutes, then hung up', segment: '' },
      { line: 4, date: '2026-07-03', touchpointId: null, stageId: 's3', metric: 'CSAT', score: 4, comment: '', segment: 'Seniors' },
    ]);
  });

  it('reads a Romanian file: ; delimiter, BOM, day-first dates, diacritics-insensitive names, quoted comments over lines', () => {
    const csv =
      '\uFEFFData;Punct de contact;Metrică;Scor;Comentariu;Persona\r\n' +
      '01.07.2026;aplicatia mobila;NPS;10;"Foarte ușor;\r\nrecomand";Ana\r\n' +
      '\r\n' +
      '2/7/2026;  SUPORT ;CSAT;2;"Nimeni nu a răspuns ""la timp""";\r\n' +
      '15.08.2026;Inregistrare;CES;6;;\r\n';
    const plan = planSurveyImport(csv, TARGETS);
    expect(plan.errors).toEqual([]);
    expect(plan.delimiter).toBe(';');
    expect(plan.header[0]).toBe('Data');
    expect(plan.mapping).toEqual({ date: 0, target: 1, stage: null, metric: 2, score: 3, comment: 4, segment: 5 });
    expect(plan.responses.map((r) => [r.line, r.date, r.touchpointId, r.stageId, r.metric, r.score, r.comment, r.segment])).toEqual([
      [2, '2026-07-01', 't2', 's2', 'NPS', 10, 'Foarte ușor;\nrecomand', 'Ana'],
      [5, '2026-07-02', null, 's3', 'CSAT', 2, 'Nimeni nu a răspuns "la timp"', ''],
      [6, '2026-08-15', null, 's2', 'CES', 6, '', ''],
    ]);
  });

  it('reads an Italian file whose target column is the stage', () => {
    const csv = ['Data,Fase,Metrica,Punteggio,Commento,Segmento', '31/12/2025,awareness,nps,0,Troppo caro,Giovani', '01/01/2026,Suport,CSAT,5,,'].join('\n');
    const plan = planSurveyImport(csv, TARGETS);
    expect(plan.errors).toEqual([]);
    expect(plan.mapping).toMatchObject({ date: 0, target: 1, stage: null, metric: 2, score: 3, comment: 4, segment: 5 });
    expect(plan.responses.map((r) => [r.date, r.touchpointId, r.stageId, r.comment, r.segment])).toEqual([
      ['2025-12-31', null, 's1', 'Troppo caro', 'Giovani'],
      ['2026-01-01', null, 's3', '', ''],
    ]);
  });

  it('prefers the stage when a stage column names what a touchpoint is also called', () => {
    const targets: SurveyTargets = { stages: [{ id: 's1', name: 'Support' }], touchpoints: [{ id: 't1', text: 'Support', stageId: 's1' }] };
    expect(planSurveyImport('date,stage,metric,score\n2026-01-01,Support,NPS,9', targets).responses[0]).toMatchObject({ touchpointId: null, stageId: 's1' });
    expect(planSurveyImport('date,touchpoint,metric,score\n2026-01-01,Support,NPS,9', targets).responses[0]).toMatchObject({ touchpointId: 't1', stageId: 's1' });
  });

  it('matches names without case, extra spaces or diacritics, cedilla ş ţ included', () => {
    expect(matchKey('  Etapă ')).toBe(matchKey('etapa'));
    expect(matchKey('Înregistrare')).toBe('inregistrare');
    expect(matchKey('Aplicaţia  Mobilă')).toBe(matchKey('aplicația mobila'));
    const targets: SurveyTargets = { stages: [{ id: 'e', name: 'Etapă de plată' }], touchpoints: [{ id: 'f', text: 'Facturā şi ţinută', stageId: 'e' }] };
    const csv = 'data;etapă;metrică;scor\n2026-03-01;ETAPA DE PLATA;nps;7\n2026-03-02;factura si tinuta;nps;7';
    const plan = planSurveyImport(csv, targets);
    expect(plan.errors).toEqual([]);
    expect(plan.responses.map((r) => [r.touchpointId, r.stageId])).toEqual([
      [null, 'e'],
      ['f', 'e'],
    ]);
  });

  it('uses a stage column to tell apart touchpoints of the same name', () => {
    const targets: SurveyTargets = {
      stages: [
        { id: 's1', name: 'Purchase' },
        { id: 's2', name: 'Support' },
      ],
      touchpoints: [
        { id: 'w1', text: 'Website', stageId: 's1' },
        { id: 'w2', text: 'Website', stageId: 's2' },
      ],
    };
    const withStage = planSurveyImport(
      'date,stage,touchpoint,metric,score\n2026-01-01,Support,Website,NPS,9\n2026-01-01,Purchase,website,NPS,9\n2026-01-01,Support,,NPS,9\n2026-01-01,Support,Shop,NPS,9',
      targets,
    );
    expect(withStage.mapping).toMatchObject({ target: 2, stage: 1 });
    expect(withStage.responses.map((r) => [r.line, r.touchpointId, r.stageId])).toEqual([
      [2, 'w2', 's2'],
      [3, 'w1', 's1'],
      [4, null, 's2'],
    ]);
    expect(withStage.errors).toEqual([{ line: 5, code: 'unknownTouchpointInStage', params: { target: 'Shop', stage: 'Support' } }]);

    const without = planSurveyImport('date,touchpoint,metric,score\n2026-01-01,Website,NPS,9', targets);
    expect(without.responses).toEqual([]);
    expect(without.errors).toMatchObject([{ line: 2, code: 'ambiguousTarget', params: { target: 'Website', count: 2 } }]);
  });

  it('reads dates in ISO, DD.MM.YYYY and DD/MM/YYYY, and refuses days that do not exist', () => {
    expect(parseSurveyDate('2026-07-31')).toBe('2026-07-31');
    expect(parseSurveyDate(' 2026-07-31T09:15:00Z ')).toBe('2026-07-31');
    expect(parseSurveyDate('2026-07-31 09:15')).toBe('2026-07-31');
    expect(parseSurveyDate('31.07.2026')).toBe('2026-07-31');
    expect(parseSurveyDate('31/07/2026')).toBe('2026-07-31');
    expect(parseSurveyDate('1.7.2026')).toBe('2026-07-01');
    expect(parseSurveyDate('31.07.2026 14:30')).toBe('2026-07-31');
    expect(parseSurveyDate('29.02.2024')).toBe('2024-02-29');
    expect(parseSurveyDate('2000-02-29')).toBe('2000-02-29');
    expect(parseSurveyDate('29.02.2026')).toBeNull();
    expect(parseSurveyDate('1900-02-29')).toBeNull();
    expect(parseSurveyDate('31/04/2026')).toBeNull();
    expect(parseSurveyDate('07/31/2026')).toBeNull(); // month first is not read
    expect(parseSurveyDate('31.07.26')).toBeNull();
    expect(parseSurveyDate('31.07/2026')).toBeNull();
    expect(parseSurveyDate('yesterday')).toBeNull();
    expect(parseSurveyDate('')).toBeNull();
  });

  it('finds the targets of a map: its touchpoint cards and its stages', () => {
    const j = instantiateTemplate('currentJourney', (k) => k, 'en', 0);
    const targets = surveyTargets(j);
    const touchpoints = [...j.cards.values()].filter((c) => c.kind === 'touchpoint');
    expect(touchpoints.length).toBeGreaterThan(0);
    expect(targets.touchpoints).toEqual(touchpoints.map((c) => ({ id: c.id, text: c.text, stageId: c.stageId })));
    expect(targets.stages.map((s) => s.id)).toEqual([...j.stages.keys()]);
    const tp = touchpoints[0]!;
    const plan = planSurveyImport(`date,touchpoint,metric,score\n2026-05-05,${tp.text},CSAT,5`, targets);
    expect(plan.responses).toMatchObject([{ touchpointId: tp.id, stageId: tp.stageId }]);
  });
});

describe('planSurveyImport: bad rows', () => {
  it('reports every bad row by its line and code, and keeps the good ones', () => {
    const csv = [
      'date;touchpoint;metric;score;comment', // 1
      '2026-07-01;Website;NPS;10;fine', // 2 good
      '2026-07-01;Website;NPS;11;', // 3 badScore
      '2026-07-01;Website;CES;0;', // 4 badScore (CES is 1-7)
      '2026-07-01;Website;CSAT;4.5;', // 5 badScore (whole numbers only)
      '2026-07-01;Shop window;NPS;9;', // 6 unknownTarget
      '31.02.2026;Website;NPS;9;', // 7 badDate
      'last week;Website;NPS;9;', // 8 badDate
      '2026-07-01;Website;NPR;9;', // 9 unknownMetric
      '2026-07-01;Website;NPS;;', // 10 missingScore
      '2026-07-01;Website;NPS;9', // 11 wrongColumns (4 of 5)
      '2026-07-01;Website;NPS;9;a;b', // 12 wrongColumns (6 of 5)
      '"2026-07-02";"Call centre";"CES";"7";"quoted; and', // 13 good, over two lines
      'fine"', // 14
      ';;;;', // 15: empty fields only, skipped like a blank line
      ';;;3;', // 16: emptyDate, emptyTarget, emptyMetric
      '2026-07-03;Suport;csat;5;', // 17 good
      '2026-07-03;Website;;x;', // 18 emptyMetric + notWholeScore
    ].join('\n');
    const plan = planSurveyImport(csv, TARGETS);
    expect(errorsOf(plan)).toEqual([
      [3, 'badScore'],
      [4, 'badScore'],
      [5, 'badScore'],
      [6, 'unknownTarget'],
      [7, 'badDate'],
      [8, 'badDate'],
      [9, 'unknownMetric'],
      [10, 'missingScore'],
      [11, 'wrongColumns'],
      [12, 'wrongColumns'],
      [16, 'emptyDate'],
      [16, 'emptyTarget'],
      [16, 'emptyMetric'],
      [18, 'emptyMetric'],
      [18, 'notWholeScore'],
    ]);
    expect(plan.responses.map((r) => [r.line, r.metric, r.score, r.comment])).toEqual([
      [2, 'NPS', 10, 'fine'],
      [13, 'CES', 7, 'quoted; and\nfine'],
      [17, 'CSAT', 5, ''],
    ]);
    const byLine = (line: number) => plan.errors.find((e) => e.line === line)!;
    expect(byLine(3)).toEqual({ line: 3, code: 'badScore', params: { score: '11', metric: 'NPS', min: 0, max: 10 } });
    expect(byLine(4).params).toEqual({ score: '0', metric: 'CES', min: 1, max: 7 });
    expect(byLine(6)).toMatchObject({ code: 'unknownTarget', params: { target: 'Shop window' } });
    expect(byLine(7)).toMatchObject({ code: 'badDate', params: { date: '31.02.2026' } });
    expect(byLine(9)).toMatchObject({ code: 'unknownMetric', params: { metric: 'NPR', allowed: 'NPS, CES, CSAT' } });
    expect(byLine(10).code).toBe('missingScore');
    expect(byLine(11)).toMatchObject({ code: 'wrongColumns', params: { found: 4, expected: 5 } });
    expect(plan.errors.filter((e) => e.line === 16).map((e) => e.code)).toEqual(['emptyDate', 'emptyTarget', 'emptyMetric']);
    // the figures come from the good rows only
    expect(summarize(plan.responses, 'NPS')).toMatchObject({ value: 100, n: 1 });
  });

  it('reports a quote that is never closed on the line it opens', () => {
    const plan = planSurveyImport('date,touchpoint,metric,score,comment\n2026-07-01,Website,NPS,9,ok\n2026-07-01,Website,NPS,9,"no end\n2026-07-02,Website,NPS,9,x', TARGETS);
    expect(plan.responses.map((r) => r.line)).toEqual([2]);
    expect(plan.errors).toMatchObject([{ line: 3, code: 'rowUnclosedQuote' }]);
  });

  it('reports an empty file, and a header without the columns it needs, still showing header and preview', () => {
    expect(planSurveyImport('', TARGETS).errors).toMatchObject([{ line: 1, code: 'empty' }]);
    expect(planSurveyImport('\uFEFF\n\n', TARGETS).errors).toMatchObject([{ line: 1, code: 'empty' }]);
    const headerOnly = planSurveyImport('date,touchpoint,metric,score\n', TARGETS);
    expect(headerOnly.errors).toEqual([]);
    expect(headerOnly.responses).toEqual([]);

    const plan = planSurveyImport('When,Where,Metric,Rating\n2026-01-01,Website,NPS,9', TARGETS);
    expect(plan.responses).toEqual([]);
    expect(plan.header).toEqual(['When', 'Where', 'Metric', 'Rating']);
    expect(plan.preview).toEqual([['2026-01-01', 'Website', 'NPS', '9']]);
    expect(plan.mapping).toEqual({ date: null, target: null, stage: null, metric: 2, score: 3, comment: null, segment: null });
    expect(plan.errors).toEqual([
      {
        line: 1,
        code: 'missingColumns',
        params: { missing: 'date,target' },
      },
    ]);
  });
});

describe('planSurveyImport: the user mapping', () => {
  const csv = 'When;Where;What;How much;Notes;Score\n2026-01-01;Website;NPS;9;good;x\n2026-01-02;Call centre;CSAT;2;bad;y\n';

  it('overrides the columns found from the header', () => {
    const unmapped = planSurveyImport(csv, TARGETS);
    expect(unmapped.errors.map((e) => e.code)).toEqual(['missingColumns']);
    expect(unmapped.mapping.score).toBe(5);

    const plan = planSurveyImport(csv, TARGETS, { date: 0, target: 1, metric: 2, score: 3, comment: 4 });
    expect(plan.errors).toEqual([]);
    expect(plan.mapping).toEqual({ date: 0, target: 1, stage: null, metric: 2, score: 3, comment: 4, segment: null });
    expect(plan.responses.map((r) => [r.date, r.touchpointId, r.metric, r.score, r.comment])).toEqual([
      ['2026-01-01', 't1', 'NPS', 9, 'good'],
      ['2026-01-02', 't3', 'CSAT', 2, 'bad'],
    ]);
  });

  it('can leave out a column the header names, and ignores a column that is not there', () => {
    const header = 'date,touchpoint,metric,score,comment\n2026-01-01,Website,NPS,9,kept?';
    expect(planSurveyImport(header, TARGETS).responses[0]!.comment).toBe('kept?');
    expect(planSurveyImport(header, TARGETS, { comment: null }).responses[0]!.comment).toBe('');
    const outside = planSurveyImport(header, TARGETS, { score: 9 });
    expect(outside.mapping.score).toBeNull();
    expect(outside.errors.map((e) => e.code)).toEqual(['missingColumns']);
  });

  it('detects synonyms in three languages', () => {
    expect(detectMapping(['Dată', 'Etapă', 'Punct_de_contact', 'METRICĂ', 'Punctaj', 'Verbatim', 'Segment'])).toEqual({
      date: 0,
      target: 2,
      stage: 1,
      metric: 3,
      score: 4,
      comment: 5,
      segment: 6,
    });
    expect(detectMapping(['data', 'punto di contatto', 'metrica', 'punteggio', 'commento', 'persona'])).toMatchObject({ target: 1, score: 3, comment: 4, segment: 5 });
    expect(detectMapping(['x', 'y'])).toEqual({ date: null, target: null, stage: null, metric: null, score: null, comment: null, segment: null });
  });
});

describe('planSurveyImport: 50,000 answers', () => {
  it('parses and checks them all, and reports the time', () => {
    const random = mulberry32(42);
    const names = [...TARGETS.touchpoints.map((t) => t.text), ...TARGETS.stages.map((s) => s.name)];
    const metrics = ['NPS', 'CES', 'CSAT'] as const;
    const max = { NPS: 10, CES: 7, CSAT: 5 };
    const lines = ['Data;Punct de contact;Metrică;Scor;Comentariu;Segment'];
    const N = 50_000;
    for (let i = 0; i < N; i++) {
      const metric = metrics[i % 3]!;
      const score = (metric === 'NPS' ? 0 : 1) + Math.floor(random() * (max[metric] + (metric === 'NPS' ? 1 : 0)));
      const day = `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}.${String(1 + Math.floor(random() * 12)).padStart(2, '0')}.2026`;
      const comment = i % 10 === 0 ? '"Mult prea greu; am sunat\r\nde două ori"' : i % 2 ? 'ok' : '';
      lines.push(`${day};${names[i % names.length]};${metric};${score};${comment};${i % 4 ? 'Tineri' : ''}`);
    }
    const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
    const started = performance.now();
    const plan = planSurveyImport(csv, TARGETS);
    const ms = performance.now() - started;
    console.log(`planSurveyImport: ${N} answers (${(csv.length / 1e6).toFixed(1)} MB) in ${ms.toFixed(0)} ms`);
    expect(plan.errors).toEqual([]);
    expect(plan.responses).toHaveLength(N);
    // a comment over two lines every 10th row: row i starts on line 2 + i + ceil(i / 10)
    expect(plan.responses[N - 1]!.line).toBe(2 + (N - 1) + Math.ceil((N - 1) / 10));
    expect(summarize(plan.responses, 'NPS').n).toBe(Math.ceil(N / 3));
  });
});
