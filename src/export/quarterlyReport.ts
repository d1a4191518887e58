// The quarterly report to leadership, for one chosen quarter, made to be read as a consultancy
// deliverable: a cover with the headline figures, an executive summary, a picture of the map with
// its survey layer and one of the emotional curve, the Voice of the Customer per stage and per
// touchpoint with a trend over four quarters, the pain points open at the quarter's end, closing the
// loop by department, and what customers said. One model (report/model.ts), written twice: a
// standalone HTML document that prints as A4 pages with the map's name, the date, the version and the
// page number on each (report/html.ts), and Markdown with the same content (report/markdown.ts).
// Everything users typed is escaped in both. Pure: no React, no Yjs, no DOM; the pictures' text is
// measured by the `measure` passed in.
//
// Numbers and days are written the way of the report's language (`locale`: "5,05", "1.250" and
// "1 apr 2026" in Italian; English days in ISO 8601, see formatDay); without one, plainly (5.05,
// 1250) with ISO days (2026-04-01).
import { buildModel, type QuarterlyReportInput } from './report/model';
import { toHtml } from './report/html';
import { toMarkdown } from './report/markdown';

export { VERBATIMS_PER_TARGET, type QuarterlyReportInput, type ReportLabels } from './report/model';
export { escapeHtml } from './report/escape';
export { pointsOfChange } from './report/figures';
export { formatChange, formatFigure } from '../views/figures';

/** The quarterly report for `quarter`, as a standalone HTML document (prints to PDF) and as Markdown. */
export function quarterlyReport(input: QuarterlyReportInput): { html: string; markdown: string } {
  const model = buildModel(input);
  return { html: toHtml(model), markdown: toMarkdown(model) };
}
