import { describe, expect, it } from 'vitest';
import { wellFormed } from './wellFormed';

describe('wellFormed', () => {
  it('replaces each lone surrogate with U+FFFD and keeps surrogate pairs', () => {
    expect(wellFormed('ok 😀 ă')).toBe('ok 😀 ă');
    expect(wellFormed('a\uD83Db')).toBe('a\uFFFDb'); // high without low
    expect(wellFormed('a\uDE00b')).toBe('a\uFFFDb'); // low without high
    expect(wellFormed('\uDE00\uD83D')).toBe('\uFFFD\uFFFD'); // in the wrong order
    expect(wellFormed('😀'.slice(0, 1) + '😀')).toBe('\uFFFD😀');
    expect(wellFormed('')).toBe('');
  });
});
