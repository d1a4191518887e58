import { describe, expect, it } from 'vitest';
import { heatFill, type LatestFigure } from './onMap';

const fig = (metric: LatestFigure['metric'], value: number | null, n: number): LatestFigure => ({ metric, value, n, quarter: '2026-Q3', change: null });

describe('heatFill', () => {
  it('colours by the figure with the most answers, red for the worst and green for the best', () => {
    // CES from 2 answers would say "best"; NPS from 120 answers says "worst": the overlay trusts the 120.
    expect(heatFill([fig('CES', 7, 2), fig('NPS', -100, 120)])).toBe('hsl(0 75% 88%)');
    expect(heatFill([fig('CSAT', 100, 40)])).toBe('hsl(120 75% 88%)');
    expect(heatFill([fig('NPS', 0, 40)])).toBe('hsl(60 75% 88%)');
  });

  it('draws a small sample paler and leaves no answers uncoloured', () => {
    expect(heatFill([fig('CSAT', 100, 12)])).toBe('hsl(120 45% 94%)');
    expect(heatFill([fig('CSAT', 0, 3)])).toBe('hsl(0 45% 94%)');
    expect(heatFill([fig('NPS', null, 0)])).toBeUndefined();
    expect(heatFill([])).toBeUndefined();
  });
});
