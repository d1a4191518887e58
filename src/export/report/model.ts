// The quarterly report's content, built once from the map's read model for one quarter, in the order
// a leader reads it: a cover with the headline figures, an executive summary (what matters, the
// biggest movers, the worst open pain points, the moments of truth), the map with its survey layer,
// the emotional curve, the Voice of the Customer per stage and per touchpoint with a trend over four
// quarters, the pain points open at the quarter's end, closing the loop by department, and what
// customers said. html.ts and markdown.ts write it; everything users typed is marked for escaping.
//
// Times (a loop's statusChangedAt) are read in local time, as the editor shows them: a loop set to
// Done at 00:30 on 1 April in Bucharest counts for Q2 there. Loops are described as they stood at the
// quarter's end (loopsAt.ts). Pure: no React, no Yjs, no DOM.
import type { Locale, MessageKey, Params } from '../../i18n/catalogue';
import { evidenceWords } from '../../journey/cards';
import { curveSeries } from '../../journey/emotions';
import { byIndex, sortByIndex } from '../../journey/order';
import type { GapCard, Journey, Stage, TouchpointCard } from '../../journey/types';
import { figureKey, stageTarget, touchpointTarget, type MapFigure, type Verbatim } from '../../journey/voc/onMap';
import { QUOTES_PER_TARGET, lowestQuotes, quoteTarget, type Quote } from '../../journey/voc/quotes';
import { previousQuarter, quarterOf, sampleFlag, SCORE_RANGES, SMALL_SAMPLE, TINY_SAMPLE, VOC_METRICS, type VocMetric } from '../../journey/voc/scores';
import { formatChange, formatFigure } from '../../views/figures';
import { COLORS } from '../../views/theme';
import { wordsText } from '../../views/words';
import type { Measure } from '../posterSvg';
import { quarterBounds } from '../reportQuarters';
import { combined, figureCell, figureCells, figureRows, relativeChange, sampleMark, trendClass, type FigureRow } from './figures';
import { loopsAt, type LoopCard, type LoopThen } from './loopsAt';
import { escapeHtml } from './escape';
import { curveSvg, landscapeFits, mapPictures } from './pictures';
import { sparkline, trendOf, trendQuarters, trendText, trendWords, TREND_QUARTERS } from './trend';
import { answerDay, plain, user, writing, type Block, type Column, type Line, type ReportModel, type Row, type Section, type Span, type Tile } from './text';

/** The translate function of the report's language: a message key and its `{name}` parameters. */
export type ReportLabels = (key: MessageKey, params?: Params) => string;

export interface QuarterlyReportInput {
  journey: Journey;
  figures: ReadonlyMap<string, MapFigure>;
  verbatims: ReadonlyMap<string, Verbatim>;
  /** "2026-Q3". */
  quarter: string;
  labels: ReportLabels;
  now: Date;
  /**
   * Measures text for the pictures (a font as CSS writes it): in the browser a canvas's
   * (rasterize.ts `measureWith`), in tests a fake.
   */
  measure: Measure;
  /**
   * The language of the labels: the HTML document's `lang` (the map's locale by default), and how
   * numbers and dates are written (plainly, with ISO days, by default).
   */
  locale?: Locale;
  /** The version of the map the report describes (a named version it was made from); none: the live map at `now`. */
  version?: { name: string | null; createdAt: number };
  /**
   * The quarter's quotes the server chose from all of its answers (GET /api/maps/:id/quotes), per
   * `t:<touchpointId>` / `s:<stageId>`, lowest first; they replace the choice from `verbatims`. Without
   * them (a map kept only in this browser), the report ranks the map's verbatims by the same rule.
   * `answers`: how many comments of the quarter they were chosen from.
   */
  quotes?: { quotes: Readonly<Record<string, readonly Quote[]>>; answers: number };
}

/** How many comments per touchpoint (or stage) the report quotes. */
export const VERBATIMS_PER_TARGET = QUOTES_PER_TARGET;

/** How many of the biggest moves and of the worst open pain points the summary names. */
const MOVERS = 5;
const WORST_IN_SUMMARY = 3;

const SPARK_COLORS = { line: COLORS.inkSoft, last: COLORS.ink, up: COLORS.tone['status-done'].ink, down: COLORS.danger };

export function buildModel(input: QuarterlyReportInput): ReportModel {
  const { journey, figures, verbatims, quarter, now } = input;
  const t = input.labels;
  const w = writing(input.locale);
  const previous = previousQuarter(quarter);
  const bounds = quarterBounds(quarter);
  const trail = trendQuarters(quarter);
  const stages = sortByIndex(journey.stages.values());
  const stageAt = new Map(stages.map((s, i) => [s.id, i]));
  const laneAt = new Map(sortByIndex(journey.lanes.values()).map((l, i) => [l.id, i]));
  const stageName = (stage: Stage | undefined) => (stage ? stage.name.trim() || t('stage.untitled') : '—');
  const stageOf = (card: { stageId: string }) => stageName(journey.stages.get(card.stageId));
  const inMapOrder = <C extends { stageId: string; laneId: string; id: string; index: string }>(a: C, b: C) =>
    (stageAt.get(a.stageId) ?? Infinity) - (stageAt.get(b.stageId) ?? Infinity) || (laneAt.get(a.laneId) ?? Infinity) - (laneAt.get(b.laneId) ?? Infinity) || byIndex(a, b);
  const cardText = (text: string): Span => (text.trim() ? user(text.trim()) : plain(t('card.empty'), { em: true }));
  const noOwner = (): Span => plain(`⚠ ${t('card.noOwner')}`, { strong: true, cls: 'warn' });
  const ownerSpan = (owner: string): Span => (owner.trim() ? user(owner.trim()) : noOwner());
  const none = (): Block => ({ kind: 'p', line: [plain(t('report.none'), { em: true })] });
  const touchpoints = [...journey.cards.values()].filter((c): c is TouchpointCard => c.kind === 'touchpoint').sort(inMapOrder);
  const mot = (tp: TouchpointCard): Span[] => (tp.momentOfTruth ? [plain('★ ', { cls: 'mot' })] : []);
  const sections: Section[] = [];

  // ---- figures per stage and per touchpoint, with their trend over four quarters
  const trendCell = (target: string, metric: VocMetric): Line => {
    const points = trendOf(figures, target, metric, trail);
    const words = trendText(metric, points, w.locale);
    const label = `${metric}, ${t('reportPages.trendLabel', { n: TREND_QUARTERS })}: ${trendWords(metric, points, w.locale, w.count)}`;
    return [plain(words, { cls: 'trend-text', html: `${sparkline(metric, points, label, SPARK_COLORS)}<span class="trend-text">${escapeHtml(words)}</span>` })];
  };
  const figureColumns = (): Column[] => [
    { head: t('quarterly.metric') },
    { head: quarter, num: true },
    { head: 'n', num: true },
    { head: previous, num: true },
    { head: t('quarterly.change'), num: true },
    { head: t('reportPages.trendHead', { n: TREND_QUARTERS }), cls: 'trend-col' },
  ];
  let up = 0;
  let down = 0;
  const moves: { tp: TouchpointCard; row: FigureRow }[] = [];
  const small = (rows: FigureRow[]) => rows.some((r) => r.current && sampleFlag(r.current.n) !== 'ok');

  const stageRows: Row[] = [];
  let smallStage = false;
  for (const stage of stages) {
    const target = stageTarget(stage.id);
    const rows = figureRows(figures, target, quarter, previous);
    if (small(rows)) smallStage = true;
    rows.forEach((r, i) => stageRows.push({ more: i > 0, cells: [[user(stageName(stage), { strong: true })], ...figureCells(r, w), trendCell(target, r.metric)] }));
  }
  const touchpointRows: Row[] = [];
  let smallTouchpoint = false;
  for (const tp of touchpoints) {
    const target = touchpointTarget(tp.id);
    const rows = figureRows(figures, target, quarter, previous);
    if (small(rows)) smallTouchpoint = true;
    // Only the touchpoints' moves are counted (and the summary says so): a touchpoint's answers are
    // in its stage's figures too, and counting both would report every move twice.
    for (const r of rows) {
      if (r.change !== null && r.change > 0) up++;
      if (r.change !== null && r.change < 0) down++;
      if (r.change) moves.push({ tp, row: r });
    }
    const department = tp.department.trim();
    rows.forEach((r, i) =>
      touchpointRows.push({
        more: i > 0,
        cells: [
          [user(stageOf(tp))],
          [...mot(tp), cardText(tp.text)],
          [department ? user(department) : plain('—')],
          [...mot(tp), { ...cardText(tp.text), strong: true }, plain(' · ', { cls: 'sep-sub' }), user([stageOf(tp), department].filter(Boolean).join(' · '), { cls: 'sub' })],
          ...figureCells(r, w),
          trendCell(target, r.metric),
        ],
      }),
    );
  }
  const sampleNote: Block = { kind: 'p', cls: 'note', line: [plain(t('quarterly.sampleNote', { small: SMALL_SAMPLE, tiny: TINY_SAMPLE }))] };
  const noFigures: Block = { kind: 'p', line: [plain(t('quarterly.noFigures', { quarter, previous }), { em: true })] };

  // ---- loops as they stood at the quarter's end
  const loops = loopsAt(journey, quarter, now.getTime());
  const lastDay = w.day(bounds.end - 1);
  const openGaps = loops.open.filter((l): l is LoopThen & { card: GapCard } => l.card.kind === 'gap' && l.card.severity >= 2);
  const worst = openGaps.sort((a, b) => b.card.severity - a.card.severity || inMapOrder(a.card, b.card));
  const severity = (g: GapCard): Line => {
    const word = t(`severity.short.${g.severity}`);
    return [plain(`${g.severity === 3 ? '🔴' : '🟠'} ${word}`, { strong: g.severity === 3, cls: `sev sev-${g.severity}`, html: `<span class="sev sev-${g.severity}"><i class="dot" aria-hidden="true"></i>${escapeHtml(word)}</span>` })];
  };
  const sinceLine = (l: LoopThen): Line =>
    l.since === null ? [l.status === null ? plain('—') : plain(t('reportPages.noDate'), { em: true })] : [plain(w.day(l.since), { cls: 'date' }), ...(l.days === null ? [] : [plain(` (${t('reportPages.days', { n: l.days })})`, { cls: 'sub' })])];
  // A loop changed after the quarter: the map no longer knows whether it was open or in progress then.
  const statusLine = (l: LoopThen): Line => (l.status === null ? [plain(t('reportPages.notDone'), { em: true })] : [plain(t(`status.${l.status}`))]);
  const laterNote = (): Block => ({ kind: 'p', cls: 'note', line: [plain(t('reportPages.changedLater', { n: loops.changedLater, date: lastDay }))] });

  // ---- the executive summary
  const summary: Block[] = [];
  const stageTargets = stages.map((s) => stageTarget(s.id));
  const across = VOC_METRICS.map((metric) => ({ metric, now: combined(figures, stageTargets, metric, quarter), before: combined(figures, stageTargets, metric, previous) })).filter((a) => a.now || a.before);
  const points: Line[] = [];
  for (const a of across) {
    if (!a.now) continue;
    const change = a.before?.value != null && a.now.value != null ? Math.round((a.now.value - a.before.value) * 100) / 100 : null;
    const params = { metric: a.metric, value: formatFigure(a.metric, a.now.value, w.locale), n: a.now.n, previous, change: formatChange(change, w.locale) };
    points.push([plain(t(change === null ? 'reportPages.pointFigureNew' : 'reportPages.pointFigure', params))]);
  }
  if (touchpointRows.length) points.push([plain(t('quarterly.glanceTrend', { up, down, previous }))]);
  points.push([plain(t('reportPages.pointLoops', { closed: loops.closed.length, open: loops.open.length, quarter }))]);
  const severeOpen = worst.filter((g) => g.card.severity === 3).length;
  points.push([plain(t('reportPages.pointSevere', { n: severeOpen }), severeOpen ? { strong: true } : {})]);
  const unowned = loops.open.filter((l) => !l.card.owner.trim()).length;
  if (unowned) points.push([plain(t('reportPages.pointUnowned', { n: unowned }), { cls: 'warn' })]);
  summary.push({ kind: 'list', cls: 'points', items: points });

  // The biggest movers: touchpoint figures with both quarters, largest move (on its metric's range) first.
  summary.push({ kind: 'h3', line: [plain(t('reportPages.movers', { previous }))] });
  const movers = moves.sort((a, b) => Math.abs(relativeChange(b.row.metric, b.row.change!)) - Math.abs(relativeChange(a.row.metric, a.row.change!)) || inMapOrder(a.tp, b.tp)).slice(0, MOVERS);
  summary.push(
    movers.length
      ? {
          kind: 'table',
          cls: 'movers',
          columns: [{ head: t('quarterly.touchpoint') }, { head: t('quarterly.metric') }, { head: `${previous} → ${quarter}`, num: true }, { head: t('quarterly.change'), num: true }, { head: 'n', num: true }],
          rows: movers.map(({ tp, row: r }) => ({
            cells: [
              [...mot(tp), cardText(tp.text), plain(' · ', { cls: 'sep-sub' }), user(stageOf(tp), { cls: 'sub' })],
              [plain(r.metric, { strong: true })],
              [plain(`${formatFigure(r.metric, r.previous!.value, w.locale)} → `), plain(formatFigure(r.metric, r.current!.value, w.locale), { strong: true })],
              [plain(formatChange(r.change, w.locale), { cls: `trend ${trendClass(r.change)}` })],
              [plain(w.count(r.current!.n)), ...sampleMark(r.current)],
            ],
          })),
        }
      : { kind: 'p', line: [plain(t('reportPages.noMovers', { previous }), { em: true })] },
  );

  // The worst pain points open at the quarter's end.
  summary.push({ kind: 'h3', line: [plain(t('reportPages.worstOpen'))] });
  summary.push(
    worst.length
      ? {
          kind: 'list',
          cls: 'worst',
          items: worst.slice(0, WORST_IN_SUMMARY).map((l) => [
            ...severity(l.card),
            plain(' '),
            { ...cardText(l.card.text), strong: true },
            plain(' — '),
            user(stageOf(l.card)),
            plain(' · '),
            ownerSpan(l.card.owner),
            ...(l.days !== null && l.since !== null ? [plain(` · ${t('reportPages.openFor', { n: l.days, date: w.day(l.since) })}`)] : []),
          ]),
        }
      : none(),
  );

  // The moments of truth and how they fared this quarter.
  const moments = touchpoints.filter((tp) => tp.momentOfTruth);
  const momentMetrics = VOC_METRICS.filter((m) => moments.some((tp) => figures.has(figureKey(touchpointTarget(tp.id), m, quarter))));
  summary.push({ kind: 'h3', line: [plain(t('report.momentsOfTruth'))] });
  summary.push(
    moments.length
      ? {
          kind: 'table',
          cls: 'moments',
          // One column per metric any moment of truth has answers for this quarter.
          columns: [{ head: t('card.momentOfTruth') }, { head: t('quarterly.department') }, ...momentMetrics.map((m) => ({ head: `${m} ${quarter}`, num: true }))],
          rows: moments.map((tp) => {
            const rows = figureRows(figures, touchpointTarget(tp.id), quarter, previous);
            return {
              cells: [
                [...mot(tp), { ...cardText(tp.text), strong: true }, plain(' · ', { cls: 'sep-sub' }), user(stageOf(tp), { cls: 'sub' })],
                [tp.department.trim() ? user(tp.department.trim()) : noOwner()],
                ...momentMetrics.map((m) => {
                  const r = rows.find((x) => x.metric === m);
                  return r?.current ? figureCell(r, w) : [plain('—', { cls: 'muted' })];
                }),
              ],
            };
          }),
        }
      : none(),
  );
  sections.push({ id: 'summary', title: t('reportPages.summary'), blocks: summary, page: 'new' });

  // ---- the map, with the survey layer up to the report's quarter
  const upToQuarter = new Map([...figures].filter(([key]) => key.slice(key.lastIndexOf('|') + 1) <= quarter));
  const pictures = mapPictures(journey, t, { measure: input.measure, locale: input.locale, figures: upToQuarter, now: loops.asOf });
  const pictureNote: Block = { kind: 'p', cls: 'note', line: [plain(t('reportPages.mapInHtml'), { em: true })] };
  sections.push({
    id: 'map',
    title: t('reportPages.map'),
    lead: [plain(t('reportPages.mapLead', { quarter }))],
    // On a page of its own, turned on its side when that draws the map larger (a wide map).
    page: landscapeFits(pictures) ? 'landscape' : 'new',
    blocks: pictures.map((p, i) => ({
      kind: 'picture' as const,
      cls: 'map',
      svg: p.svg,
      caption: p.stages ? [plain(t('reportPages.mapPart', { part: i + 1, parts: pictures.length, from: stageName(stages[p.stages[0]]), to: stageName(stages[p.stages[1]]) }))] : undefined,
      instead: i === 0 ? [pictureNote] : [],
    })),
  });

  // ---- the emotional curve, and the figures per stage beside it
  const series = curveSeries(journey);
  const curveLabel = t('reportPages.curveLabel', { stages: stages.length, personas: series.length });
  const curve = curveSvg(journey, t, input.measure, w.locale, curveLabel);
  const personaName = (i: number) => series[i]!.persona?.name.trim() || t('persona.unnamed');
  const score = (n: number) => (n > 0 ? `+${n}` : String(n));
  const curveTable: Block = {
    kind: 'table',
    cls: 'curve',
    columns: [{ head: t('report.stage') }, ...series.map((serie, i) => (serie.persona ? { head: personaName(i), user: true } : { head: t('emotion.title') }))],
    rows: stages.map((s, si) => ({
      cells: [[user(stageName(s))], ...series.map((serie): Line => {
        const e = serie.points[si];
        return e ? [plain(`${score(e.score)} ${t(`emotion.score.${e.score}`)}`), ...(e.note.trim() ? [plain(' — '), user(e.note.trim(), { em: true })] : [])] : [plain('—')];
      })],
    })),
  };
  // What the curve's notes say, under the picture (the picture has no room for them).
  const notes: Line[] = [];
  series.forEach((serie, i) =>
    serie.points.forEach((e, si) => {
      if (!e?.note.trim()) return;
      notes.push([
        plain(score(e.score), { strong: true }),
        plain(' '),
        user(stageName(stages[si])),
        ...(series.length > 1 ? [plain(` (${personaName(i)})`)] : []),
        plain(': '),
        user(e.note.trim(), { em: true }),
      ]);
    }),
  );
  const curveBlocks: Block[] = curve
    ? [{ kind: 'picture', cls: 'curve', svg: curve, instead: [curveTable] }, ...(notes.length ? [{ kind: 'list' as const, cls: 'curve-notes', items: notes }] : [])]
    : [{ kind: 'p', line: [plain(t('reportPages.noCurve'), { em: true })] }];
  const personaLead = series.length === 1 && series[0]!.persona ? t('reportPages.curveOne', { name: personaName(0) }) : series.length > 1 ? t('reportPages.curveMany', { n: series.length }) : t('reportPages.curveLead');
  sections.push({ id: 'curve', title: t('emotion.curve'), lead: [plain(personaLead)], blocks: curveBlocks, page: 'new' });

  const stageColumns: Column[] = [{ head: t('report.stage'), group: true }, ...figureColumns()];
  sections.push({
    id: 'stages',
    title: t('quarterly.byStage'),
    blocks: stageRows.length ? [{ kind: 'table', cls: 'figures', columns: stageColumns, rows: stageRows }, ...(smallStage ? [sampleNote] : [])] : [noFigures],
  });

  const touchpointColumns: Column[] = [
    { head: t('report.stage'), only: 'md' },
    { head: t('quarterly.touchpoint'), only: 'md' },
    { head: t('quarterly.department'), only: 'md' },
    { head: t('quarterly.touchpoint'), only: 'html', group: true, cls: 'name' },
    ...figureColumns(),
  ];
  sections.push({
    id: 'touchpoints',
    title: t('quarterly.byTouchpoint'),
    lead: [plain(t('reportPages.touchpointsLead', { quarter, previous, n: TREND_QUARTERS }))],
    page: 'new',
    blocks: touchpointRows.length ? [{ kind: 'table', cls: 'figures', columns: touchpointColumns, rows: touchpointRows }, ...(smallTouchpoint ? [sampleNote] : [])] : [noFigures],
  });

  // ---- the pain points open at the quarter's end
  const gapBlocks: Block[] = worst.length
    ? [
        {
          kind: 'table',
          cls: 'gaps',
          columns: [{ head: t('field.severity') }, { head: t('report.stage') }, { head: t('card.kind.gap') }, { head: t('field.owner') }, { head: t('field.status') }, { head: t('quarterly.since') }],
          rows: worst.map((l) => {
            const g = l.card;
            // What the gap rests on: an assumption is said as such, so leadership sees what is still to check.
            const evidence = evidenceWords(g);
            return {
              cells: [
                severity(g),
                [user(stageOf(g))],
                [cardText(g.text), ...(evidence ? [plain(' — '), plain(wordsText(t, evidence), { em: true, cls: g.evidence === 'assumption' ? 'warn' : 'muted' })] : [])],
                [ownerSpan(g.owner)],
                statusLine(l),
                sinceLine(l),
              ],
            };
          }),
        },
      ]
    : [none()];
  const assumed = worst.filter((g) => g.card.evidence === 'assumption').length;
  if (assumed) gapBlocks.push({ kind: 'p', cls: 'note', line: [plain(t('report.assumptions', { n: assumed }), { em: true })] });
  if (worst.some((l) => l.status === null)) gapBlocks.push(laterNote());
  sections.push({ id: 'gaps', title: t('reportPages.gaps', { date: lastDay }), lead: [plain(t('reportPages.gapsLead'))], blocks: gapBlocks, page: 'new' });

  // ---- closing the loop, by department
  const NONE = '\u0000';
  const departments = new Map<string, { closed: number; open: number; oldest: number | null }>();
  const entry = (owner: string) => {
    const key = owner.trim() || NONE;
    let e = departments.get(key);
    if (!e) departments.set(key, (e = { closed: 0, open: 0, oldest: null }));
    return e;
  };
  for (const c of loops.closed) entry(c.owner).closed++;
  for (const l of loops.open) {
    const e = entry(l.card.owner);
    e.open++;
    if (l.since !== null && (e.oldest === null || l.since < e.oldest)) e.oldest = l.since;
  }
  const departmentRows = [...departments.entries()].sort(([a], [b]) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b)));
  const oldestOverall = loops.open.reduce<number | null>((o, l) => (l.since !== null && (o === null || l.since < o) ? l.since : o), null);
  const most = Math.max(1, ...departmentRows.map(([, e]) => e.closed + e.open));
  const bar = (closed: number, open: number): Line => [plain('', { html: loopBar(closed, open, most) })];
  const loopBlocks: Block[] = [];
  if (departmentRows.length)
    loopBlocks.push({
      kind: 'table',
      cls: 'loops',
      columns: [
        { head: t('quarterly.department') },
        { head: t('quarterly.closed'), num: true },
        { head: t('reportPages.openAtEnd'), num: true },
        { head: t('quarterly.oldestOpen') },
        { head: t('reportPages.closedAndOpen'), only: 'html', cls: 'bar-col' },
      ],
      rows: [
        ...departmentRows.map(([d, e]): Row => ({
          cells: [[d === NONE ? noOwner() : user(d)], [plain(w.count(e.closed))], [plain(w.count(e.open))], [plain(e.oldest === null ? '—' : w.day(e.oldest), { cls: 'date' })], bar(e.closed, e.open)],
        })),
        {
          total: true,
          cells: [
            [plain(t('quarterly.total'), { strong: true })],
            [plain(w.count(loops.closed.length), { strong: true })],
            [plain(w.count(loops.open.length), { strong: true })],
            [plain(oldestOverall === null ? '—' : w.day(oldestOverall), { cls: 'date' })],
            [plain('')],
          ],
        },
      ],
    });
  else loopBlocks.push(none());
  if (loops.changedLater) loopBlocks.push(laterNote());
  loopBlocks.push({ kind: 'h3', line: [plain(t('quarterly.closedList', { quarter }))] });
  loopBlocks.push(
    loops.closed.length
      ? {
          kind: 'list',
          cls: 'closed',
          items: [...loops.closed]
            .sort((a, b) => a.statusChangedAt - b.statusChangedAt || inMapOrder(a, b))
            .map((c: LoopCard) => [
              plain('✓ ', { cls: 'done' }),
              plain(`${t(`card.kind.${c.kind}`)}: `),
              cardText(c.text),
              plain(' — '),
              ownerSpan(c.owner),
              plain(` · ${t('quarterly.doneOn', { date: w.day(c.statusChangedAt) })}`),
              ...(c.statusChangedBy.trim() ? [plain(' · '), user(c.statusChangedBy.trim())] : []),
            ]),
        }
      : none(),
  );
  sections.push({ id: 'loops', title: t('quarterly.loops'), lead: [plain(t('reportPages.loopsNote', { quarter, date: lastDay }))], blocks: loopBlocks });

  // ---- what customers said
  // From the server, chosen from all of the quarter's answers; else from the map's few verbatims,
  // ranked by the same rule (src/journey/voc/quotes.ts).
  const byTarget = new Map<string, readonly Quote[]>();
  if (input.quotes) for (const [key, list] of Object.entries(input.quotes.quotes)) byTarget.set(key, list.filter((q) => q.text.trim()));
  else {
    const inQuarter = [...verbatims.values()].filter((v) => /^\d{4}-\d{2}-\d{2}/.test(v.date) && quarterOf(v.date) === quarter && v.text.trim());
    // The same order whatever order the document gives them in.
    inQuarter.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const grouped = new Map<string, Verbatim[]>();
    for (const v of inQuarter) {
      const key = quoteTarget(v);
      if (key) grouped.set(key, [...(grouped.get(key) ?? []), v]);
    }
    for (const [key, list] of grouped) byTarget.set(key, lowestQuotes(list, VERBATIMS_PER_TARGET));
  }
  const quoteTargets: { key: string; heading: Line }[] = [
    ...touchpoints.map((tp) => ({ key: touchpointTarget(tp.id), heading: [...mot(tp), cardText(tp.text), plain(' · '), user(stageOf(tp))] })),
    ...stages.map((s) => ({ key: stageTarget(s.id), heading: [plain(`${t('report.stage')}: `), user(stageName(s))] })),
  ];
  const groups = quoteTargets.flatMap(({ key, heading }) => {
    const list = byTarget.get(key);
    if (!list?.length) return [];
    return [
      {
        heading,
        items: list.slice(0, VERBATIMS_PER_TARGET).map((v) => ({
          quote: v.text.trim(),
          // The score on its scale ("NPS 2/10", "CSAT 1/5"): a 2 means little without it.
          meta: [plain(`${v.metric} ${w.count(v.score)}/${SCORE_RANGES[v.metric].max} · ${answerDay(w, v.date)}`), ...(v.segment.trim() ? [plain(' · '), user(v.segment.trim())] : [])],
        })),
      },
    ];
  });
  sections.push({
    id: 'verbatims',
    title: t('quarterly.verbatims'),
    page: 'new',
    lead: groups.length ? [plain(t('quarterly.verbatimsNote', { n: VERBATIMS_PER_TARGET })), plain(' '), plain(input.quotes ? t('quarterly.quotesFromServer', { n: input.quotes.answers }) : t('quarterly.quotesFromMap'))] : undefined,
    blocks: groups.length ? [{ kind: 'quotes', groups }] : [{ kind: 'p', line: [plain(t('quarterly.noVerbatims', { quarter }), { em: true })] }],
  });

  // ---- the cover
  const tiles: Tile[] = across.map((a) => {
    const change = a.now?.value != null && a.before?.value != null ? Math.round((a.now.value - a.before.value) * 100) / 100 : null;
    return {
      label: t('reportPages.tileAcross', { metric: a.metric }),
      value: formatFigure(a.metric, a.now?.value ?? null, w.locale),
      detail: [
        plain(`n = ${w.count(a.now?.n ?? 0)}`),
        ...sampleMark(a.now),
        plain(' · '),
        plain(change === null ? t('reportPages.tileNoChange', { previous }) : t('reportPages.tileChange', { change: formatChange(change, w.locale), previous }), { cls: `trend ${trendClass(change)}` }),
      ],
      tone: trendClass(change),
      row: 'voice' as const,
    };
  });
  tiles.push({ label: t('reportPages.tileClosed'), value: w.count(loops.closed.length), detail: [plain(t('reportPages.tileOpen', { n: loops.open.length, date: lastDay }))], row: 'loops' });
  tiles.push({ label: t('reportPages.tileSevere'), value: w.count(severeOpen), detail: [plain(t('reportPages.tileSevereDetail', { n: worst.length }))], tone: severeOpen ? 'alert' : undefined, row: 'loops' });

  const mapTitle = journey.meta.title.trim() || t('map.untitled');
  const made = t('report.generated', { date: w.day(now.getTime()) });
  const versionText = input.version
    ? `${t('quarterly.version')}: ${input.version.name ? `${input.version.name.trim()} ` : ''}(${w.day(input.version.createdAt)})`
    : `${t('quarterly.version')}: ${t('quarterly.versionLive', { date: w.day(now.getTime()) })}`;
  const lines: Line[] = [
    [plain(t('quarterly.period', { from: w.day(bounds.start), to: w.day(bounds.end - 1) }), { strong: true })],
    [plain(made, { em: true })],
    // Which state of the map this is: a named version, or the live map as it was when the report was made.
    input.version
      ? [plain(`${t('quarterly.version')}:`, { strong: true }), plain(' '), ...(input.version.name ? [user(input.version.name), plain(' ')] : []), plain(`(${w.day(input.version.createdAt)})`)]
      : [plain(`${t('quarterly.version')}:`, { strong: true }), plain(` ${t('quarterly.versionLive', { date: w.day(now.getTime()) })}`)],
    [plain(`${t('map.variant')}:`, { strong: true }), plain(` ${t(journey.meta.variant === 'future' ? 'map.future' : 'map.current')}`)],
  ];
  const scenario = journey.meta.scenario.trim();
  return {
    lang: input.locale ?? journey.meta.locale ?? 'en',
    kicker: t('quarterly.title', { quarter }),
    heading: mapTitle,
    cover: { subtitle: scenario ? [user(scenario)] : null, lines, tiles, contents: sections.map((s) => s.title) },
    contentsTitle: t('reportPages.contents'),
    sections,
    running: {
      title: mapTitle.replace(/\s+/g, ' '),
      kicker: t('quarterly.title', { quarter }),
      made,
      version: input.version ? versionText.replace(/\s+/g, ' ') : t('reportPages.liveMap'),
      page: t('reportPages.page', { page: '\u0001', pages: '\u0002' }),
    },
  };
}

/** A department's loops as a bar: closed (green) then open (amber), against the department with the most. */
function loopBar(closed: number, open: number, most: number): string {
  const W = 120;
  const H = 10;
  const c = (closed / most) * W;
  const o = (open / most) * W;
  return (
    `<svg class="bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-hidden="true">` +
    `<rect width="${W}" height="${H}" rx="2" fill="${COLORS.canvas}"/>` +
    (c ? `<rect width="${Math.round(c * 10) / 10}" height="${H}" rx="2" fill="${COLORS.tone['status-done'].ink}"/>` : '') +
    (o ? `<rect x="${Math.round(c * 10) / 10}" width="${Math.round(o * 10) / 10}" height="${H}" rx="2" fill="${COLORS.gold}" fill-opacity="0.75"/>` : '') +
    '</svg>'
  );
}
