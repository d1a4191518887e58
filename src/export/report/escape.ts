// Making text inert where the report's HTML puts it: in content and attribute values, and inside a
// CSS string of the style sheet (the words of the page margins: the map's title, the version's name).
// Used by html.ts, pictures.ts and trend.ts.

/** Text made inert in HTML, in content and in attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Text as a quoted CSS string: quotes, backslashes, line breaks, control characters and the
 * characters that could end the <style> element or start markup (`<`, `>`, `&`) written as CSS
 * escapes (`\3c `), so a title like `</style><script>` stays a title.
 */
export function cssString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\u0000-\u001f\u007f"'\\<>&]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}
