// Colours the screen computes in CSS, as plain hex for the SVG poster: the heat overlay's
// `hsl(h s% l%)` (src/journey/voc/onMap.ts heatFill) and the department lens's
// `color-mix(in srgb, colour 16%, white)` (src/canvas/CardNode.tsx). Hex, because the space-separated
// hsl() of CSS Color 4 is not read by every SVG program the picture may be opened in.

const hex2 = (v: number) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0');

/** `#rrggbb` of a CSS `hsl(h s% l%)` (or `hsl(h, s%, l%)`); the text itself when it is not one. */
export function hslToHex(css: string): string {
  const m = /^hsl\(\s*([\d.]+)[\s,]+([\d.]+)%[\s,]+([\d.]+)%\s*\)$/.exec(css);
  if (!m) return css;
  const h = Number(m[1]) % 360;
  const s = Number(m[2]) / 100;
  const l = Number(m[3]) / 100;
  const a = s * Math.min(l, 1 - l);
  const f = (k0: number) => {
    const k = (k0 + h / 30) % 12;
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return `#${hex2(f(0))}${hex2(f(8))}${hex2(f(4))}`;
}

/** `colour` mixed with white, `share` (0..1) of the colour: CSS `color-mix(in srgb, colour share, white)`. */
export function tint(color: string, share: number): string {
  const h = color.replace('#', '');
  const v = parseInt(h.length === 3 ? [...h].map((c) => c + c).join('') : h, 16);
  const mix = (c: number) => c * share + 255 * (1 - share);
  return `#${hex2(mix((v >> 16) & 255))}${hex2(mix((v >> 8) & 255))}${hex2(mix(v & 255))}`;
}
