// The rule that each colour and shared size is defined once, in theme.ts: the style sheet, the
// poster and the emotional curve use the tokens, never a copy of their values.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARD_H, CARD_W } from '../journey/layout';
import { CARD_KINDS, type LaneKind } from '../journey/types';
import { COLORS, PALETTE, SIZES, TRANSLUCENT, applyTheme, themeProperties } from './theme';

const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const css = source('../styles.css');

/** `#abc`, `#aabbcc`, `rgb(170 187 204 / 0.5)`, `rgba(170, 187, 204, 0.5)` → `#aabbcc` (alpha aside). */
function hex(literal: string): string {
  const rgb = literal.match(/^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/);
  if (rgb) return `#${rgb.slice(1, 4).map((c) => Number(c).toString(16).padStart(2, '0')).join('')}`;
  const h = literal.slice(1).toLowerCase();
  return `#${h.length <= 4 ? [...h.slice(0, 3)].map((c) => c + c).join('') : h.slice(0, 6)}`;
}

/** Every colour written out in `text`, with its line. */
function colourLiterals(text: string): { literal: string; line: number }[] {
  const found: { literal: string; line: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)/g)) found.push({ literal: m[0], line: i + 1 });
  });
  return found;
}

const tokenColours = new Set([...Object.values(PALETTE), ...Object.values(TRANSLUCENT).map((t) => t.color)].map(hex));

/** The declarations of the rule whose selector is exactly `selector`. */
function rule(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = css.match(new RegExp(`(?:^|\\n|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`));
  if (!m) throw new Error(`no rule ${selector} in styles.css`);
  return m[1]!;
}

describe('design tokens', () => {
  it('styles.css writes no colour that a token holds: it uses the token', () => {
    const copies = colourLiterals(css)
      .filter(({ literal }) => tokenColours.has(hex(literal)))
      .map(({ literal, line }) => `styles.css:${line} ${literal}`);
    expect(copies).toEqual([]);
  });

  it('the poster and the emotional curve write no colour of their own that a token holds', () => {
    for (const file of ['../export/posterSvg.ts', '../export/rasterize.ts', './EmotionCurve.tsx']) {
      const copies = colourLiterals(source(file)).filter(({ literal }) => tokenColours.has(hex(literal)));
      expect(copies, file).toEqual([]);
    }
  });

  it('every var(--tp-…) of styles.css is a token, and styles.css defines none itself', () => {
    const defined = themeProperties();
    const used = new Set([...css.matchAll(/var\((--tp-[\w-]+)/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
    expect(css).not.toMatch(/--tp-[\w-]+\s*:/);
  });

  it('styles.css sizes a card by the layout’s card size, not by a copy', () => {
    expect(rule('.card')).toContain('width: var(--tp-card-w); height: var(--tp-card-h);');
    expect(css).not.toContain(`${CARD_W}px`);
    expect(css).not.toContain(`${CARD_H}px`);
  });

  it('each card kind, lane kind and lane tint has its own token in the style sheet', () => {
    for (const kind of CARD_KINDS) expect(rule(`.card-${kind}`), kind).toContain(`--kind: var(--tp-kind-${kind})`);
    const kebab = (kind: string) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const kind of Object.keys(COLORS.lane)) expect(rule(`.lane-header-inner.lane-${kind}`), kind).toContain(`--kind: var(--tp-lane-${kebab(kind)})`);
    for (const kind of Object.keys(COLORS.cell) as LaneKind[]) expect(rule(`.cell.lane-${kind}`), kind).toContain(`background: var(--tp-cell-${kebab(kind)})`);
  });

  it('applyTheme writes every token on the page root as a custom property', () => {
    const written = new Map<string, string>();
    applyTheme({ style: { setProperty: (name: string, value: string | null) => void written.set(name, value ?? '') } });
    expect(written).toEqual(themeProperties());
    expect(written.get('--tp-ink')).toBe(COLORS.ink);
    expect(written.get('--tp-kind-gap')).toBe(COLORS.kind.gap);
    expect(written.get('--tp-cell-back-stage')).toBe(COLORS.cell.backStage);
    expect(written.get('--tp-tone-sev-3-border')).toBe(COLORS.tone['sev-3'].border);
    expect(written.get('--tp-tone-status-in-progress-ink')).toBe(COLORS.tone['status-inProgress'].ink);
    expect(written.get('--tp-stripe')).toBe('rgb(100 116 139 / 0.04)');
    expect(written.get('--tp-legend-backdrop')).toBe('rgb(255 255 255 / 0.85)');
    expect(written.get('--tp-card-w')).toBe(`${CARD_W}px`);
    expect(written.get('--tp-radius')).toBe(`${SIZES.radius}px`);
    // A tone without a border writes none, so the badge keeps its transparent one.
    expect(written.has('--tp-tone-sev-1-border')).toBe(false);
  });
});
