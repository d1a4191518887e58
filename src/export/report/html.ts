// The quarterly report as one standalone HTML document (inline CSS and SVG, no external assets) made
// to print as an A4 deliverable: a cover page, numbered sections each starting where the model says
// (the map on a landscape page of its own), and on every printed page the map's name, the report's
// quarter, the day it was made, the version and "page 3 / 7", in the page margins (CSS @page margin
// boxes, whose strings are escaped for CSS). Written from the model of model.ts.
import { cssString, escapeHtml } from './escape';
import type { Block, Column, Line, ReportModel, Row, Section, Span, Tile } from './text';

const htmlText = (text: string) => escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');

function htmlSpan(s: Span): string {
  if (s.html !== undefined) return s.html;
  let out = htmlText(s.text);
  if (s.em) out = `<em>${out}</em>`;
  if (s.strong) out = `<strong>${out}</strong>`;
  if (s.cls) out = `<span class="${escapeHtml(s.cls)}">${out}</span>`;
  return out;
}
const htmlLine = (line: Line) => line.map(htmlSpan).join('');

function table(b: Extract<Block, { kind: 'table' }>): string {
  const shown = b.columns.map((c, i) => [c, i] as const).filter(([c]) => c.only !== 'md');
  const cls = (c: Column, extra = '') => {
    const names = [c.num ? 'num' : '', c.cls ?? '', extra].filter(Boolean).join(' ');
    return names ? ` class="${names}"` : '';
  };
  const row = (r: Row) => {
    const classes = [r.more ? 'more' : '', r.total ? 'total' : ''].filter(Boolean).join(' ');
    const cells = shown.map(([c, i]) => `<td${cls(c)}>${r.more && c.group ? '' : htmlLine(r.cells[i] ?? [])}</td>`).join('');
    return `<tr${classes ? ` class="${classes}"` : ''}>${cells}</tr>`;
  };
  return [
    `<table${b.cls ? ` class="${b.cls}"` : ''}>`,
    `<thead><tr>${shown.map(([c]) => `<th scope="col"${cls(c)}>${htmlText(c.head)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...b.rows.map(row),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function tile(x: Tile): string {
  return `<div class="tile${x.tone ? ` tone-${x.tone}` : ''}"><p class="tile-label">${htmlText(x.label)}</p><p class="tile-value">${htmlText(x.value)}</p><p class="tile-detail">${htmlLine(x.detail)}</p></div>`;
}

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p${b.cls ? ` class="${b.cls}"` : ''}>${htmlLine(b.line)}</p>`;
    case 'h3':
      return `<h3>${htmlLine(b.line)}</h3>`;
    case 'list':
      return `<ul${b.cls ? ` class="${b.cls}"` : ''}>\n${b.items.map((i) => `<li>${htmlLine(i)}</li>`).join('\n')}\n</ul>`;
    case 'tiles':
      return `<div class="tiles">${b.tiles.map(tile).join('')}</div>`;
    case 'quotes':
      return [
        '<div class="quote-groups">',
        ...b.groups.map(
          (g) =>
            `<div class="quote-group"><h3>${htmlLine(g.heading)}</h3><ul class="quotes">\n${g.items
              .map((q) => `<li><blockquote>“${htmlText(q.quote)}”</blockquote><p class="meta">${htmlLine(q.meta)}</p></li>`)
              .join('\n')}\n</ul></div>`,
        ),
        '</div>',
      ].join('\n');
    case 'picture':
      return `<figure class="picture${b.cls ? ` ${b.cls}` : ''}">${b.svg}${b.caption ? `<figcaption>${htmlLine(b.caption)}</figcaption>` : ''}</figure>`;
    case 'table':
      return table(b);
  }
}

function section(s: Section): string {
  const cls = [s.id, s.page === 'new' ? 'new-page' : '', s.page === 'landscape' ? 'landscape' : ''].filter(Boolean).join(' ');
  return [`<section class="${cls}" id="${escapeHtml(s.id)}">`, `<h2>${htmlText(s.title)}</h2>`, ...(s.lead ? [`<p class="lead">${htmlLine(s.lead)}</p>`] : []), ...s.blocks.map(htmlBlock), '</section>'].join('\n');
}

/**
 * "Page {page} / {pages}" with the numbers as CSS counters: the message has the markers \u0001 and
 * \u0002 where the numbers go, and each piece around them becomes an escaped string.
 */
export function pageContent(message: string): string {
  return message
    // eslint-disable-next-line no-control-regex -- the markers are control characters, which no message has
    .split(/(\u0001|\u0002)/)
    .filter(Boolean)
    .map((part) => (part === '\u0001' ? 'counter(page)' : part === '\u0002' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/** The page rules: A4, the margins' running words, and the landscape page the map takes. */
export function pageCss(r: ReportModel['running']): string {
  const box = 'font-family: var(--font); font-size: 7.5pt; color: #64748b;';
  return `
@page {
  size: A4;
  margin: 20mm 17mm 20mm;
  @top-left { content: ${cssString(r.title)}; ${box} font-weight: 600; color: #312e81; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(r.kicker)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(`${r.made} · ${r.version}`)}; ${box} vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: ${pageContent(r.page)}; ${box} font-weight: 600; color: #334155; vertical-align: top; padding-top: 3mm; }
}
@page wide { size: A4 landscape; margin: 14mm 12mm 14mm; }
`;
}

const CSS = `
:root { --font: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "Segoe UI", Roboto, system-ui, sans-serif; --ink: #1e293b; --soft: #475569; --muted: #64748b; --rule: #e2e8f0; --accent: #312e81; --accent-2: #4f46e5; --wash: #f5f6fb; --up: #15803d; --down: #b91c1c; --warn: #b45309; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 200mm; padding: 10mm 6mm; font: 9.5pt/1.5 var(--font); color: var(--ink); background: #fff; counter-reset: section; }
p { margin: 0 0 2mm; }
strong { font-weight: 700; }

/* ---- cover ---- */
header.cover { display: flex; flex-direction: column; min-height: 240mm; break-after: page; page-break-after: always; }
.cover .band { height: 3mm; width: 28mm; background: var(--accent-2); margin: 18mm 0 7mm; }
.kicker { margin: 0 0 3mm; color: var(--accent-2); font-weight: 700; letter-spacing: .14em; text-transform: uppercase; font-size: 9pt; }
h1 { margin: 0 0 4mm; font-size: 30pt; line-height: 1.1; letter-spacing: -.01em; color: #0f172a; font-weight: 800; max-width: 160mm; }
.subtitle { font-size: 13pt; line-height: 1.35; color: var(--soft); margin: 0 0 2mm; max-width: 150mm; }
.period { font-size: 11pt; color: var(--ink); font-weight: 600; margin: 6mm 0 0; }
.cover .tiles { margin-top: 14mm; }
.cover-foot { margin-top: auto; display: flex; gap: 10mm; border-top: 1px solid var(--rule); padding-top: 5mm; }
.cover-foot ul { list-style: none; padding: 0; margin: 0; flex: 1; color: var(--soft); font-size: 8.5pt; }
.cover-foot li { margin: 0 0 1mm; }
.contents { flex: 1.2; }
.contents p { font-size: 7.5pt; letter-spacing: .12em; text-transform: uppercase; color: var(--muted); font-weight: 700; margin: 0 0 1.5mm; }
.contents ol { margin: 0; padding: 0 0 0 5mm; font-size: 8.5pt; color: var(--ink); columns: 2; column-gap: 6mm; }
.contents li { margin: 0 0 1mm; padding-left: 1mm; break-inside: avoid; }
.contents li::marker { color: var(--accent-2); font-weight: 700; }

/* ---- headline tiles ---- */
.tiles { display: flex; gap: 4mm; }
.tiles + .tiles { margin-top: 4mm; }
.tile { flex: 1 1 0; border: 1px solid var(--rule); border-top: 3px solid var(--accent-2); border-radius: 1.5mm; padding: 3.5mm 4mm 3mm; background: #fff; break-inside: avoid; }
.tile.tone-up { border-top-color: var(--up); }
.tile.tone-down { border-top-color: var(--down); }
.tile.tone-alert { border-top-color: var(--down); background: #fef7f7; }
.tile p { margin: 0; }
.tile-label { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-weight: 700; }
.tile-value { font-size: 24pt; font-weight: 800; line-height: 1.15; margin: 1mm 0 .5mm !important; color: #0f172a; }
.tile-detail { font-size: 8pt; color: var(--soft); }

/* ---- sections ---- */
section { margin: 0 0 7mm; }
section.new-page { break-before: page; page-break-before: always; }
section.landscape { page: wide; break-before: page; page-break-before: always; }
h2 { counter-increment: section; margin: 0 0 2mm; font-size: 17pt; line-height: 1.2; color: #0f172a; font-weight: 800; letter-spacing: -.005em; break-after: avoid; page-break-after: avoid; }
h2::before { content: counter(section, decimal-leading-zero); display: block; font-size: 9pt; letter-spacing: .14em; color: var(--accent-2); font-weight: 700; margin-bottom: 1mm; }
.lead { color: var(--soft); font-size: 10pt; margin: 0 0 5mm; max-width: 165mm; break-after: avoid; }
h3 { margin: 6mm 0 2mm; font-size: 10.5pt; color: var(--accent); break-after: avoid; page-break-after: avoid; }
ul { margin: 1mm 0 3mm; padding-left: 5mm; }
li { margin: .8mm 0; break-inside: avoid; page-break-inside: avoid; }
ul.points { list-style: none; padding: 4mm 5mm; margin: 0 0 2mm; background: var(--wash); border-left: 3px solid var(--accent-2); font-size: 10pt; }
ul.points li { margin: 1.2mm 0; }
ul.worst, ul.closed, ul.curve-notes { list-style: none; padding-left: 0; }
ul.worst li { padding: 1.6mm 0; border-bottom: 1px solid var(--rule); margin: 0; }
ul.curve-notes { font-size: 8.5pt; color: var(--soft); columns: 2; column-gap: 8mm; margin: 0; }
.note { color: var(--muted); font-size: 8pt; margin-top: 1mm; }

/* ---- tables ---- */
table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; font-size: 8.8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; vertical-align: bottom; font-size: 7.2pt; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); font-weight: 700; padding: 0 2mm 1.5mm; border-bottom: 1.5px solid var(--ink); }
td { text-align: left; vertical-align: top; padding: 1.5mm 2mm; border-top: 1px solid var(--rule); overflow-wrap: break-word; }
tr.more td { border-top-color: transparent; padding-top: 0; }
tr.total td { border-top: 1.5px solid var(--ink); }
th:first-child, td:first-child { padding-left: 0; }
th:last-child, td:last-child { padding-right: 0; }
th.num, td.num { text-align: right; }
table.figures th.num, table.movers th.num { white-space: nowrap; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.name { width: 34%; }
.date { white-space: nowrap; }
.sep-sub { display: none; }
.sub { display: block; color: var(--muted); font-size: 7.5pt; font-weight: 400; }
td.num .sub { display: inline; margin-left: 1mm; }
.muted, .sub-inline { color: var(--muted); }
.trend-col { width: 40mm; }
td.trend-col { white-space: nowrap; padding-top: 1mm; padding-bottom: 1mm; }
svg.spark { display: inline-block; vertical-align: middle; width: 15mm; height: 4.7mm; overflow: visible; }
.trend-text { font-size: 7.5pt; color: var(--muted); white-space: nowrap; margin-left: 2mm; vertical-align: middle; }
.bar-col { width: 36mm; }
svg.bar { display: block; width: 32mm; height: 2.7mm; margin-top: 1mm; }
.trend.up { color: var(--up); font-weight: 700; }
.trend.down { color: var(--down); font-weight: 700; }
.trend.flat { color: var(--muted); }
.warn { color: var(--warn); }
.mot { color: var(--warn); }
.done { color: var(--up); font-weight: 700; }
.sev { white-space: nowrap; font-weight: 600; }
.sev .dot { display: inline-block; width: 2.2mm; height: 2.2mm; border-radius: 50%; margin-right: 1.3mm; vertical-align: .05em; }
.sev-3 { color: #991b1b; }
.sev-3 .dot { background: #dc2626; }
.sev-2 { color: #9a3412; }
.sev-2 .dot { background: #f59e0b; }
table.moments td:first-child { width: 36%; }
table.moments td:nth-child(2) { width: 19%; }
table.loops td:first-child { width: 27%; }
table.loops th:nth-child(2), table.loops th:nth-child(3) { width: 17%; }
table.moments td.num .sub { display: block; margin: 0; }
table.movers td:first-child { width: 46%; }
table.gaps td:nth-child(5) { white-space: nowrap; }

/* ---- pictures ---- */
figure { margin: 0 0 3mm; }
figure.map { break-inside: avoid; }
figure.map + figure.map { break-before: page; }
figure.map svg { display: block; width: 100%; height: auto; max-height: 218mm; }
section.landscape figure.map svg { max-height: 156mm; }
/* The poster spaces its text with spaces (xml:space="preserve"), which inline SVG in HTML would collapse. */
svg.map-svg { white-space: pre; }
section.landscape h2 { font-size: 14pt; margin-bottom: 1mm; }
section.landscape h2::before { display: inline; margin: 0 3mm 0 0; font-size: 10pt; }
section.landscape .lead { margin-bottom: 2mm; max-width: none; font-size: 9pt; }
figure.curve svg { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 8pt; margin-top: 1.5mm; }

/* ---- quotes ---- */
.quote-groups { columns: 2; column-gap: 8mm; }
.quote-group { break-inside: avoid; page-break-inside: avoid; margin: 0 0 5mm; }
.quote-group h3 { margin: 0 0 1.5mm; font-size: 9.5pt; }
ul.quotes { list-style: none; padding: 0; margin: 0; }
ul.quotes li { border-left: 2.5px solid #c7d2fe; padding: .3mm 0 .3mm 3.5mm; margin: 0 0 2.5mm; }
blockquote { margin: 0; font-size: 9.5pt; line-height: 1.45; color: #0f172a; font-style: italic; }
p.meta { margin: .6mm 0 0; color: var(--muted); font-size: 7.5pt; }

@media screen { section.landscape { max-width: none; } }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

function cover(m: ReportModel): string {
  const [period, ...rest] = m.cover.lines;
  return [
    '<header class="cover">',
    '<div class="band"></div>',
    `<p class="kicker">${htmlText(m.kicker)}</p>`,
    `<h1>${htmlText(m.heading)}</h1>`,
    ...(m.cover.subtitle ? [`<p class="subtitle">${htmlLine(m.cover.subtitle)}</p>`] : []),
    ...(period ? [`<p class="period">${htmlLine(period.map((s) => ({ ...s, strong: false })))}</p>`] : []),
    ...(['voice', 'loops'] as const).map((row) => m.cover.tiles.filter((x) => x.row === row)).filter((row) => row.length).map((tiles) => htmlBlock({ kind: 'tiles', tiles })),
    '<div class="cover-foot">',
    `<ul>${rest.map((l) => `<li>${htmlLine(l)}</li>`).join('')}</ul>`,
    `<nav class="contents"><p>${htmlText(m.contentsTitle)}</p><ol>${m.cover.contents.map((c) => `<li>${htmlText(c)}</li>`).join('')}</ol></nav>`,
    '</div>',
    '</header>',
  ].join('\n');
}

export function toHtml(m: ReportModel): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(m.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(`${m.kicker} · ${m.heading.replace(/\s+/g, ' ')}`)}</title>`,
    `<style>${pageCss(m.running)}${CSS}</style>`,
    '</head>',
    '<body>',
    cover(m),
    '<main>',
    ...m.sections.map(section),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
