// The quarterly report to leadership, for one chosen quarter: the Voice of the Customer per stage and
// per touchpoint (every figure with its sample size and its change since the quarter before), the
// moments of truth, the worst gaps still open, the loops closed in the quarter against those still
// open by department, and what customers said. One model, rendered twice: a standalone HTML document
// (inline CSS, A4, prints cleanly to PDF, no external assets) and Markdown with the same content.
// Everything users typed is escaped in both. Pure: no React, no Yjs, no DOM.
//
// Times (a loop's statusChangedAt) are read in local time, as the editor shows them: a loop set to
// Done at 00:30 on 1 April in Bucharest counts for Q2 there. Numbers and days are written the way of
// the report's language (`locale`: "5,05", "1.250" and "1 apr 2026" in Italian; English days in ISO
// 8601, see formatDay); without one, plainly (5.05, 1250) with ISO days (2026-04-01).
import type { Locale, MessageKey, Params } from '../i18n/catalogue';
import { formatDay, formatNumber } from '../i18n/format';
import { formatChange, formatFigure } from '../views/figures';
import { byIndex, sortByIndex } from '../journey/order';
import type { GapCard, Journey, OpportunityCard, Stage, TouchpointCard } from '../journey/types';
import { stageTarget, touchpointTarget, type MapFigure, type Verbatim } from '../journey/voc/onMap';
import { QUOTES_PER_TARGET, lowestQuotes, quoteTarget, type Quote } from '../journey/voc/quotes';
import { previousQuarter, quarterOf, sampleFlag, SMALL_SAMPLE, TINY_SAMPLE, VOC_METRICS, type SampleFlag, type VocMetric } from '../journey/voc/scores';
import { escapeMarkdown } from './markdown';

export { formatChange, formatFigure } from '../views/figures';
import { localDay, quarterBounds } from './reportQuarters';
import { evidenceWords, isLoopKind } from '../journey/cards';
import { wordsText } from '../views/words';

/** The translate function of the UI language: a message key and its `{name}` parameters. */
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

// ---- the model: text with what users typed marked, so each format escapes it ------------------

interface Span {
  text: string;
  /** Typed by a user: escaped. Labels are trusted. */
  user?: boolean;
  strong?: boolean;
  em?: boolean;
  /** A class for the HTML (trend, warning). */
  cls?: string;
}
type Line = Span[];
/** A table row: one line per cell. */
type Row = Line[];

type Block =
  | { kind: 'p'; line: Line; cls?: string }
  | { kind: 'list'; items: Line[] }
  | { kind: 'table'; header: string[]; rows: Row[]; cls?: string; numeric?: number[] }
  | { kind: 'h3'; line: Line }
  | { kind: 'quotes'; items: { quote: string; meta: Line }[] };

interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

interface Model {
  lang: string;
  /** "Quarterly report 2026-Q3". */
  kicker: string;
  /** The map's title. */
  heading: string;
  intro: Line[];
  sections: Section[];
}

const plain = (text: string, extra: Omit<Span, 'text'> = {}): Span => ({ text, ...extra });
const user = (text: string, extra: Omit<Span, 'text' | 'user'> = {}): Span => ({ text, user: true, ...extra });

// ---- figures ----------------------------------------------------------------------------------


/** current - previous in points of the figure as shown (exact to two decimals), null when either is missing. */
export function pointsOfChange(current: MapFigure | undefined, previous: MapFigure | undefined): number | null {
  if (current?.value == null || previous?.value == null) return null;
  return (Math.round(current.value * 100) - Math.round(previous.value * 100)) / 100;
}


/** Beside a sample size: ⚠ under 30 answers, ⚠⚠ under 10 (an anecdote, not a score). */
const SAMPLE_MARK: Record<SampleFlag, string> = { ok: '', small: ' ⚠', tiny: ' ⚠⚠' };
const sampleMark = (f: MapFigure | undefined): Span[] => {
  const flag = f ? sampleFlag(f.n) : 'ok';
  return flag === 'ok' ? [] : [plain(SAMPLE_MARK[flag], { cls: `warn ${flag}` })];
};

interface FigureRow {
  metric: VocMetric;
  current: MapFigure | undefined;
  previous: MapFigure | undefined;
  change: number | null;
}

/** A target's figures in the quarter and the one before, for every metric with answers in either. */
function figureRows(figures: ReadonlyMap<string, MapFigure>, target: string, quarter: string, previous: string): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const metric of VOC_METRICS) {
    const current = figures.get(`${target}|${metric}|${quarter}`);
    const before = figures.get(`${target}|${metric}|${previous}`);
    if (!current && !before) continue;
    rows.push({ metric, current, previous: before, change: pointsOfChange(current, before) });
  }
  return rows;
}

const trendClass = (change: number | null) => (change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down');

/** How the report writes numbers and days: in its language, or plainly with ISO days when it has none. */
interface Writing {
  locale: Locale;
  count(n: number): string;
  /** A moment's local calendar day. */
  day(time: number): string;
}

function writing(locale: Locale | undefined): Writing {
  const l = locale ?? 'en';
  return { locale: l, count: (n) => (locale ? formatNumber(locale, n) : String(n)), day: (time) => (locale ? formatDay(locale, time) : localDay(time)) };
}

/** A survey answer's day as written in the file (YYYY-MM-DD), the report's way. */
function answerDay(w: Writing, date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? w.day(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime()) : date;
}

function figureCells(r: FigureRow, w: Writing): Row {
  return [
    [plain(r.metric, { strong: true })],
    [plain(formatFigure(r.metric, r.current?.value ?? null, w.locale), { strong: true })],
    [plain(w.count(r.current?.n ?? 0)), ...sampleMark(r.current)],
    r.previous ? [plain(formatFigure(r.metric, r.previous.value, w.locale)), plain(` (n = ${w.count(r.previous.n)})`, { cls: 'sub' })] : [plain('—')],
    [plain(formatChange(r.change, w.locale), { cls: `trend ${trendClass(r.change)}` })],
  ];
}

/** One line per metric: "NPS +20 (n = 45 ⚠, ▲ 5)". */
function figureSummary(r: FigureRow, w: Writing): Span[] {
  return [
    plain(`${r.metric} ${formatFigure(r.metric, r.current?.value ?? null, w.locale)}`, { strong: true }),
    plain(` (n = ${w.count(r.current?.n ?? 0)}`),
    ...sampleMark(r.current),
    plain(', '),
    plain(formatChange(r.change, w.locale), { cls: `trend ${trendClass(r.change)}` }),
    plain(')'),
  ];
}

// ---- building the report ------------------------------------------------------------------------

function buildModel(input: QuarterlyReportInput): Model {
  const { journey, figures, verbatims, quarter, now } = input;
  const t = input.labels;
  const w = writing(input.locale);
  const previous = previousQuarter(quarter);
  const bounds = quarterBounds(quarter);
  const stages = sortByIndex(journey.stages.values());
  const stageAt = new Map(stages.map((s, i) => [s.id, i]));
  const laneAt = new Map(sortByIndex(journey.lanes.values()).map((l, i) => [l.id, i]));
  const stageName = (stage: Stage | undefined) => (stage ? stage.name.trim() || t('stage.untitled') : '—');
  const inMapOrder = <C extends { stageId: string; laneId: string; id: string; index: string }>(a: C, b: C) =>
    (stageAt.get(a.stageId) ?? Infinity) - (stageAt.get(b.stageId) ?? Infinity) || (laneAt.get(a.laneId) ?? Infinity) - (laneAt.get(b.laneId) ?? Infinity) || byIndex(a, b);
  const cardText = (text: string): Span => (text.trim() ? user(text.trim()) : plain(t('card.empty'), { em: true }));
  const ownerSpan = (owner: string): Span => (owner.trim() ? user(owner.trim()) : plain(`⚠ ${t('card.noOwner')}`, { strong: true, cls: 'warn' }));
  const touchpoints = [...journey.cards.values()].filter((c): c is TouchpointCard => c.kind === 'touchpoint').sort(inMapOrder);
  const headerOfFigures = [t('quarterly.metric'), quarter, 'n', previous, t('quarterly.change')];
  const sections: Section[] = [];
  let up = 0;
  let down = 0;
  /**
   * Whether any figure is from a small sample; `count` adds the moves to the summary. Only the
   * touchpoints' figures are counted (and the summary says so): a touchpoint's answers are in its
   * stage's figures too, and counting both would report every move twice.
   */
  const note = (rows: FigureRow[], count: boolean) => {
    if (count)
      for (const r of rows) {
        if (r.change !== null && r.change > 0) up++;
        if (r.change !== null && r.change < 0) down++;
      }
    return rows.some((r) => r.current && sampleFlag(r.current.n) !== 'ok');
  };

  // ---- Voice of the Customer by stage
  const stageRows: Row[] = [];
  let smallStage = false;
  for (const stage of stages) {
    const rows = figureRows(figures, stageTarget(stage.id), quarter, previous);
    if (note(rows, false)) smallStage = true;
    for (const r of rows) stageRows.push([[user(stageName(stage))], ...figureCells(r, w)]);
  }
  // ---- and by touchpoint
  const touchpointRows: Row[] = [];
  let smallTouchpoint = false;
  for (const tp of touchpoints) {
    const rows = figureRows(figures, touchpointTarget(tp.id), quarter, previous);
    if (note(rows, true)) smallTouchpoint = true;
    for (const r of rows)
      touchpointRows.push([
        [user(stageName(journey.stages.get(tp.stageId)))],
        [...(tp.momentOfTruth ? [plain('★ ', { cls: 'mot' })] : []), cardText(tp.text)],
        [tp.department.trim() ? user(tp.department.trim()) : plain('—')],
        ...figureCells(r, w),
      ]);
  }
  const sampleNote: Block = { kind: 'p', cls: 'note', line: [plain(t('quarterly.sampleNote', { small: SMALL_SAMPLE, tiny: TINY_SAMPLE }))] };
  const noFigures: Block = { kind: 'p', line: [plain(t('quarterly.noFigures', { quarter, previous }), { em: true })] };
  sections.push({
    id: 'stages',
    title: t('quarterly.byStage'),
    blocks: stageRows.length ? [{ kind: 'table', header: [t('report.stage'), ...headerOfFigures], rows: stageRows, cls: 'figures', numeric: [2, 3, 4, 5] }] : [noFigures],
  });
  sections.push({
    id: 'touchpoints',
    title: t('quarterly.byTouchpoint'),
    blocks: touchpointRows.length
      ? [{ kind: 'table', header: [t('report.stage'), t('quarterly.touchpoint'), t('quarterly.department'), ...headerOfFigures], rows: touchpointRows, cls: 'figures', numeric: [4, 5, 6, 7] }]
      : [noFigures],
  });
  if (smallStage) sections[0]!.blocks.push(sampleNote);
  if (smallTouchpoint) sections[1]!.blocks.push(sampleNote);

  // ---- moments of truth
  const moments = touchpoints.filter((tp) => tp.momentOfTruth);
  sections.push({
    id: 'moments',
    title: t('report.momentsOfTruth'),
    blocks: moments.length
      ? [
          {
            kind: 'list',
            items: moments.map((tp) => {
              const rows = figureRows(figures, touchpointTarget(tp.id), quarter, previous).filter((r) => r.current);
              const where = [user(stageName(journey.stages.get(tp.stageId)))];
              if (tp.department.trim()) where.push(plain(' · '), user(tp.department.trim()));
              return [
                plain('★ ', { cls: 'mot' }),
                { ...cardText(tp.text), strong: true },
                plain(' — '),
                ...where,
                plain(': '),
                ...(rows.length ? rows.flatMap((r, i) => [...(i ? [plain('; ')] : []), ...figureSummary(r, w)]) : [plain(t('quarterly.noAnswers', { quarter }), { em: true })]),
              ];
            }),
          },
        ]
      : [{ kind: 'p', line: [plain(t('report.none'), { em: true })] }],
  });

  // ---- the worst gaps still open
  const worst = [...journey.cards.values()]
    .filter((c): c is GapCard => c.kind === 'gap' && c.status !== 'done' && c.severity >= 2)
    .sort((a, b) => b.severity - a.severity || inMapOrder(a, b));
  sections.push({
    id: 'gaps',
    title: t('quarterly.worstGaps'),
    blocks: worst.length
      ? [
          {
            kind: 'table',
            cls: 'gaps',
            header: [t('field.severity'), t('report.stage'), t('card.kind.gap'), t('field.owner'), t('field.status'), t('quarterly.since')],
            rows: worst.map((g) => [
              [plain(`${g.severity === 3 ? '🔴' : '🟠'} ${t(`severity.short.${g.severity}`)}`, { strong: g.severity === 3, cls: `sev sev-${g.severity}` })],
              [user(stageName(journey.stages.get(g.stageId)))],
              // What the gap rests on: an assumption is said as such, so leadership sees what is still to check.
              [cardText(g.text), ...(evidenceWords(g) ? [plain(' — '), plain(wordsText(t, evidenceWords(g)!), { em: true })] : [])],
              [ownerSpan(g.owner)],
              [plain(t(`status.${g.status}`))],
              [plain(g.statusChangedAt > 0 ? w.day(g.statusChangedAt) : '—', { cls: 'date' })],
            ]),
          },
        ]
      : [{ kind: 'p', line: [plain(t('report.none'), { em: true })] }],
  });
  const assumed = worst.filter((g) => g.evidence === 'assumption').length;
  if (assumed) sections[sections.length - 1]!.blocks.push({ kind: 'p', line: [plain(t('report.assumptions', { n: assumed }), { em: true })] });

  // ---- closing the loop, by department
  const loops = [...journey.cards.values()].filter((c): c is GapCard | OpportunityCard => isLoopKind(c.kind));
  const closed = loops.filter((c) => c.status === 'done' && c.statusChangedAt >= bounds.start && c.statusChangedAt < bounds.end);
  const open = loops.filter((c) => c.status !== 'done');
  const NONE = '\u0000';
  const departments = new Map<string, { closed: number; open: number; oldest: number | null }>();
  const entry = (owner: string) => {
    const key = owner.trim() || NONE;
    let e = departments.get(key);
    if (!e) departments.set(key, (e = { closed: 0, open: 0, oldest: null }));
    return e;
  };
  for (const c of closed) entry(c.owner).closed++;
  for (const c of open) {
    const e = entry(c.owner);
    e.open++;
    if (c.statusChangedAt > 0 && (e.oldest === null || c.statusChangedAt < e.oldest)) e.oldest = c.statusChangedAt;
  }
  const departmentRows = [...departments.entries()].sort(([a], [b]) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b)));
  const oldestOverall = open.reduce<number | null>((o, c) => (c.statusChangedAt > 0 && (o === null || c.statusChangedAt < o) ? c.statusChangedAt : o), null);
  const loopBlocks: Block[] = [{ kind: 'p', cls: 'note', line: [plain(t('quarterly.loopsNote', { quarter }))] }];
  if (departmentRows.length)
    loopBlocks.push({
      kind: 'table',
      cls: 'loops',
      numeric: [1, 2],
      header: [t('quarterly.department'), t('quarterly.closed'), t('quarterly.open'), t('quarterly.oldestOpen')],
      rows: [
        ...departmentRows.map(([d, e]): Row => [
          [d === NONE ? plain(`⚠ ${t('card.noOwner')}`, { strong: true, cls: 'warn' }) : user(d)],
          [plain(w.count(e.closed))],
          [plain(w.count(e.open))],
          [plain(e.oldest === null ? '—' : w.day(e.oldest), { cls: 'date' })],
        ]),
        [[plain(t('quarterly.total'), { strong: true })], [plain(w.count(closed.length), { strong: true })], [plain(w.count(open.length), { strong: true })], [plain(oldestOverall === null ? '—' : w.day(oldestOverall), { cls: 'date' })]],
      ],
    });
  else loopBlocks.push({ kind: 'p', line: [plain(t('report.none'), { em: true })] });
  loopBlocks.push({ kind: 'h3', line: [plain(t('quarterly.closedList', { quarter }))] });
  loopBlocks.push(
    closed.length
      ? {
          kind: 'list',
          items: [...closed]
            .sort((a, b) => a.statusChangedAt - b.statusChangedAt || inMapOrder(a, b))
            .map((c) => [
              plain('✓ ', { cls: 'done' }),
              plain(`${t(`card.kind.${c.kind}`)}: `),
              cardText(c.text),
              plain(' — '),
              ownerSpan(c.owner),
              plain(` · ${t('quarterly.doneOn', { date: w.day(c.statusChangedAt) })}`),
              ...(c.statusChangedBy.trim() ? [plain(' · '), user(c.statusChangedBy.trim())] : []),
            ]),
        }
      : { kind: 'p', line: [plain(t('report.none'), { em: true })] },
  );
  sections.push({ id: 'loops', title: t('quarterly.loops'), blocks: loopBlocks });

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
  const quoteBlocks: Block[] = [];
  const quoteTargets: { key: string; heading: Line }[] = [
    ...touchpoints.map((tp) => ({
      key: touchpointTarget(tp.id),
      heading: [...(tp.momentOfTruth ? [plain('★ ', { cls: 'mot' })] : []), cardText(tp.text), plain(' · '), user(stageName(journey.stages.get(tp.stageId)))],
    })),
    ...stages.map((s) => ({ key: stageTarget(s.id), heading: [plain(`${t('report.stage')}: `), user(stageName(s))] })),
  ];
  for (const { key, heading } of quoteTargets) {
    const list = byTarget.get(key);
    if (!list?.length) continue;
    quoteBlocks.push({ kind: 'h3', line: heading });
    quoteBlocks.push({
      kind: 'quotes',
      items: list.slice(0, VERBATIMS_PER_TARGET).map((v) => ({
        quote: v.text.trim(),
        meta: [plain(`${v.metric} ${w.count(v.score)} · ${answerDay(w, v.date)}`), ...(v.segment.trim() ? [plain(' · '), user(v.segment.trim())] : [])],
      })),
    });
  }
  sections.push({
    id: 'verbatims',
    title: t('quarterly.verbatims'),
    blocks: quoteBlocks.length
      ? [
          {
            kind: 'p',
            cls: 'note',
            line: [
              plain(t('quarterly.verbatimsNote', { n: VERBATIMS_PER_TARGET })),
              plain(' '),
              plain(input.quotes ? t('quarterly.quotesFromServer', { n: input.quotes.answers }) : t('quarterly.quotesFromMap')),
            ],
          },
          ...quoteBlocks,
        ]
      : [{ kind: 'p', line: [plain(t('quarterly.noVerbatims', { quarter }), { em: true })] }],
  });

  // ---- at a glance, first
  const severeOpen = worst.filter((g) => g.severity === 3).length;
  const glance: Line[] = [
    [plain(t('quarterly.glanceLoops', { closed: closed.length, open: open.length }))],
    [plain(t('quarterly.glanceSevere', { n: severeOpen }), severeOpen ? { strong: true } : {})],
    [plain(t('quarterly.glanceTrend', { up, down, previous }))],
  ];
  sections.unshift({ id: 'glance', title: t('quarterly.glance'), blocks: [{ kind: 'list', items: glance }] });

  const mapTitle = journey.meta.title.trim() || t('map.untitled');
  const intro: Line[] = [
    [plain(t('quarterly.period', { from: w.day(bounds.start), to: w.day(bounds.end - 1) }), { strong: true })],
    [plain(t('report.generated', { date: w.day(now.getTime()) }), { em: true })],
    // Which state of the map this is: a named version, or the live map as it was when the report was made.
    input.version
      ? [plain(`${t('quarterly.version')}:`, { strong: true }), plain(' '), ...(input.version.name ? [user(input.version.name), plain(' ')] : []), plain(`(${w.day(input.version.createdAt)})`)]
      : [plain(`${t('quarterly.version')}:`, { strong: true }), plain(` ${t('quarterly.versionLive', { date: w.day(now.getTime()) })}`)],
    [plain(`${t('map.variant')}:`, { strong: true }), plain(` ${t(journey.meta.variant === 'future' ? 'map.future' : 'map.current')}`)],
  ];
  if (journey.meta.scenario.trim()) intro.push([plain(`${t('map.scenario')}:`, { strong: true }), plain(' '), user(journey.meta.scenario)]);
  return {
    lang: input.locale ?? journey.meta.locale ?? 'en',
    kicker: t('quarterly.title', { quarter }),
    heading: mapTitle,
    intro,
    sections,
  };
}

// ---- HTML ---------------------------------------------------------------------------------------

/** Text made inert in HTML, in content and in attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const htmlText = (text: string) => escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');

function htmlSpan(s: Span): string {
  let out = htmlText(s.text);
  if (s.em) out = `<em>${out}</em>`;
  if (s.strong) out = `<strong>${out}</strong>`;
  if (s.cls) out = `<span class="${escapeHtml(s.cls)}">${out}</span>`;
  return out;
}
const htmlLine = (line: Line) => line.map(htmlSpan).join('');

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p${b.cls ? ` class="${b.cls}"` : ''}>${htmlLine(b.line)}</p>`;
    case 'h3':
      return `<h3>${htmlLine(b.line)}</h3>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${htmlLine(i)}</li>`).join('\n')}\n</ul>`;
    case 'quotes':
      return `<ul class="quotes">\n${b.items.map((q) => `<li><blockquote>“${htmlText(q.quote)}”</blockquote><p class="meta">${htmlLine(q.meta)}</p></li>`).join('\n')}\n</ul>`;
    case 'table': {
      const num = new Set(b.numeric ?? []);
      const cell = (tag: 'th' | 'td', i: number, content: string) => `<${tag}${num.has(i) ? ' class="num"' : ''}${tag === 'th' ? ' scope="col"' : ''}>${content}</${tag}>`;
      return [
        `<table${b.cls ? ` class="${b.cls}"` : ''}>`,
        `<thead><tr>${b.header.map((h, i) => cell('th', i, htmlText(h))).join('')}</tr></thead>`,
        '<tbody>',
        ...b.rows.map((r) => `<tr>${r.map((c, i) => cell('td', i, htmlLine(c))).join('')}</tr>`),
        '</tbody>',
        '</table>',
      ].join('\n');
    }
  }
}

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 190mm; padding: 12mm 0; font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2937; background: #fff; }
header { border-bottom: 2px solid #1d4ed8; padding-bottom: 4mm; margin-bottom: 6mm; }
.kicker { margin: 0; color: #1d4ed8; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; font-size: 9pt; }
h1 { margin: 1mm 0 2mm; font-size: 20pt; line-height: 1.2; }
header p { margin: .5mm 0; }
h2 { margin: 8mm 0 3mm; font-size: 13.5pt; color: #1e3a8a; border-bottom: 1px solid #dbe3f0; padding-bottom: 1mm; break-after: avoid; page-break-after: avoid; }
h3 { margin: 5mm 0 2mm; font-size: 11pt; break-after: avoid; page-break-after: avoid; }
section { margin: 0; }
section.glance { background: #f1f5fd; border-radius: 2mm; padding: 1mm 5mm 3mm; break-inside: avoid; page-break-inside: avoid; }
section.glance h2 { border: 0; margin-top: 3mm; }
ul { margin: 1mm 0 3mm; padding-left: 6mm; }
li { margin: .8mm 0; break-inside: avoid; page-break-inside: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; }
table.figures { font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.3mm 2mm; border-bottom: 1px solid #e5e7eb; overflow-wrap: break-word; hyphens: auto; }
.date { white-space: nowrap; }
th { background: #eef2f9; font-weight: 600; color: #374151; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
.sub { display: block; color: #6b7280; font-size: 8pt; }
tbody tr:last-child td { border-bottom: 0; }
table.loops tbody tr:last-child td { border-top: 1.5px solid #9ca3af; }
.trend.up { color: #047857; font-weight: 600; }
.trend.down { color: #b91c1c; font-weight: 600; }
.trend.flat { color: #6b7280; }
.warn { color: #b45309; }
.mot { color: #b45309; }
.done { color: #047857; }
.sev-3 { color: #b91c1c; }
.sev-2 { color: #b45309; }
.note { color: #4b5563; font-size: 9pt; }
ul.quotes { list-style: none; padding: 0; }
ul.quotes li { border-left: 3px solid #93c5fd; padding: .5mm 0 .5mm 4mm; margin: 2mm 0; }
blockquote { margin: 0; font-style: italic; }
p.meta { margin: .5mm 0 0; color: #6b7280; font-size: 8.5pt; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

function toHtml(m: Model): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(m.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(`${m.kicker} · ${m.heading.replace(/\s+/g, ' ')}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<p class="kicker">${htmlText(m.kicker)}</p>`,
    `<h1>${htmlText(m.heading)}</h1>`,
    ...m.intro.map((l) => `<p>${htmlLine(l)}</p>`),
    '</header>',
    '<main>',
    ...m.sections.map((s) => [`<section class="${s.id}">`, `<h2>${htmlText(s.title)}</h2>`, ...s.blocks.map(htmlBlock), '</section>'].join('\n')),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- Markdown -----------------------------------------------------------------------------------

/** User text on one line of a table cell: escaped, pipes included, line breaks as <br>. */
const mdCell = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => escapeMarkdown(l))
    .join('<br>');

function mdSpan(s: Span, where: 'block' | 'cell', indent: string): string {
  let out = s.user ? (where === 'cell' ? mdCell(s.text) : escapeMarkdown(s.text, indent)) : s.text;
  if (!out) return '';
  if (s.em) out = `_${out}_`;
  if (s.strong) out = `**${out}**`;
  return out;
}
const mdLine = (line: Line, where: 'block' | 'cell' = 'block', indent = '') => line.map((s) => mdSpan(s, where, indent)).join('');

function mdBlock(b: Block): string[] {
  switch (b.kind) {
    case 'p':
      return [mdLine(b.line), ''];
    case 'h3':
      return [`### ${mdLine(b.line.map((s) => (s.user ? { ...s, text: s.text.replace(/\s*(\r\n|\r|\n)\s*/g, ' ') } : s)))}`, ''];
    case 'list':
      return [...b.items.map((i) => `- ${mdLine(i, 'block', '  ')}`), ''];
    case 'quotes':
      return [...b.items.map((q) => `> “${escapeMarkdown(q.quote, '> ')}”  \n> — ${mdLine(q.meta, 'block', '> ')}\n`), ''];
    case 'table': {
      const num = new Set(b.numeric ?? []);
      return [
        `| ${b.header.join(' | ')} |`,
        `| ${b.header.map((_, i) => (num.has(i) ? '---:' : '---')).join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map((c) => mdLine(c, 'cell') || ' ').join(' | ')} |`),
        '',
      ];
    }
  }
}

function toMarkdown(m: Model): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(m.heading.replace(/\s*(\r\n|\r|\n)\s*/g, ' '))}`, '');
  out.push(`**${m.kicker}**`, '');
  for (const l of m.intro) out.push(`- ${mdLine(l, 'block', '  ')}`);
  out.push('');
  for (const s of m.sections) {
    out.push(`## ${s.title}`, '');
    for (const b of s.blocks) out.push(...mdBlock(b));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

// ---- the report ---------------------------------------------------------------------------------

/** The quarterly report for `quarter`, as a standalone HTML document (prints to PDF) and as Markdown. */
export function quarterlyReport(input: QuarterlyReportInput): { html: string; markdown: string } {
  const model = buildModel(input);
  return { html: toHtml(model), markdown: toMarkdown(model) };
}
