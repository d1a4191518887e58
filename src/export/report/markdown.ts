// The quarterly report as Markdown, from the same model as the HTML and in the same order: the cover's
// lines and headline figures, then each section. Pictures become what the model gives instead (the
// map: a note that its picture is in the HTML report; the curve: a small table), trends their words
// ("+4 → +12 ▲"). What users typed is escaped so it cannot turn into headings, lists, links or
// table columns.
import { escapeMarkdown } from '../markdown';
import type { Block, Line, ReportModel, Span } from './text';

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
/** A heading's line: what users typed on one line. */
const oneLine = (line: Line) => mdLine(line.map((s) => (s.user ? { ...s, text: s.text.replace(/\s*(\r\n|\r|\n)\s*/g, ' ') } : s)));

function mdBlock(b: Block): string[] {
  switch (b.kind) {
    case 'p':
      return [mdLine(b.line), ''];
    case 'h3':
      return [`### ${oneLine(b.line)}`, ''];
    case 'list':
      return [...b.items.map((i) => `- ${mdLine(i, 'block', '  ')}`), ''];
    case 'tiles':
      return [...b.tiles.map((x) => `- **${x.label}: ${x.value}** (${mdLine(x.detail)})`), ''];
    case 'quotes':
      return b.groups.flatMap((g) => [`### ${oneLine(g.heading)}`, '', ...g.items.map((q) => `> “${escapeMarkdown(q.quote, '> ')}”  \n> — ${mdLine(q.meta, 'block', '> ')}\n`), '']);
    case 'picture':
      return b.instead.flatMap(mdBlock);
    case 'table': {
      const shown = b.columns.map((c, i) => [c, i] as const).filter(([c]) => c.only !== 'html');
      return [
        `| ${shown.map(([c]) => (c.user ? mdCell(c.head.replace(/\s*(\r\n|\r|\n)\s*/g, ' ')) : c.head)).join(' | ')} |`,
        `| ${shown.map(([c]) => (c.num ? '---:' : '---')).join(' | ')} |`,
        ...b.rows.map((r) => `| ${shown.map(([, i]) => mdLine(r.cells[i] ?? [], 'cell') || ' ').join(' | ')} |`),
        '',
      ];
    }
  }
}

export function toMarkdown(m: ReportModel): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(m.heading.replace(/\s*(\r\n|\r|\n)\s*/g, ' '))}`, '');
  out.push(`**${m.kicker}**`, '');
  if (m.cover.subtitle) out.push(mdLine(m.cover.subtitle), '');
  const [period, ...rest] = m.cover.lines;
  if (period) out.push(`- ${mdLine(period, 'block', '  ')}`);
  out.push(...mdBlock({ kind: 'tiles', tiles: m.cover.tiles }).slice(0, -1));
  for (const l of rest) out.push(`- ${mdLine(l, 'block', '  ')}`);
  out.push('');
  for (const s of m.sections) {
    out.push(`## ${s.title}`, '');
    if (s.lead) out.push(mdLine(s.lead), '');
    for (const b of s.blocks) out.push(...mdBlock(b));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
