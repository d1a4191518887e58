// Lone UTF-16 surrogates (half an emoji, say, from a cut string) would be encoded differently by
// each peer: every one becomes U+FFFD. `String.prototype.toWellFormed` (ES2024) does exactly that;
// Node 20 and current browsers have it, and the regular expression is for a runtime that does not.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each lone UTF-16 surrogate replaced by U+FFFD (as `toWellFormed`). */
export const wellFormed: (text: string) => string =
  typeof String.prototype.toWellFormed === 'function' ? (text) => text.toWellFormed() : (text) => text.replace(LONE_SURROGATE, '\uFFFD');
