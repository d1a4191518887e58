import { describe, expect, it } from 'vitest';
import { stageLabel } from './stageLabel';

// A fixed-width font: every character is 0.6 of the size wide.
const measure = (text: string, size: number) => text.length * size * 0.6;

describe('stageLabel', () => {
  it('keeps a name whole on one line when it fits at 14 px', () => {
    expect(stageLabel('Awareness', 200, measure)).toEqual({ lines: ['Awareness'], size: 14, abbreviated: false });
  });
  it('wraps onto two lines, and goes down to 12 px before splitting a word', () => {
    expect(stageLabel('Customer support', 70, measure)).toEqual({ lines: ['Customer', 'support'], size: 14, abbreviated: false });
    expect(stageLabel('Consideration', 100, measure)).toEqual({ lines: ['Consideration'], size: 12, abbreviated: false });
  });
  it('splits a long word with a hyphen rather than abbreviating it', () => {
    const label = stageLabel('Consideration', 70, measure);
    expect(label.abbreviated).toBe(false);
    expect(label.lines.join('').replace('-', '')).toBe('Consideration');
    expect(label.lines[0]!.endsWith('-')).toBe(true);
  });
  it('abbreviates readably when even that does not fit, never below three letters a word', () => {
    const label = stageLabel('Customer support', 50, measure);
    expect(label.abbreviated).toBe(true);
    expect(label.lines.length).toBeLessThanOrEqual(2);
    for (const word of label.lines.join(' ').split(' ')) expect(word === 'or' || word.replace('.', '').length >= 3).toBe(true);
  });
  it('shows nothing rather than single letters when the header is too narrow for any', () => {
    expect(stageLabel('Consideration', 12, measure)).toEqual({ lines: [], size: 12, abbreviated: true });
  });
});
