// Numbers, percentages, sizes and dates as a reader of each language expects them.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatDay, formatNumber, formatPercent, formatSigned, formatsFor, numberFormat } from './format';

describe('numbers', () => {
  it('use the decimal mark and grouping of the language', () => {
    expect([formatNumber('en', 5.05), formatNumber('ro', 5.05), formatNumber('it', 5.05)]).toEqual(['5.05', '5,05', '5,05']);
    expect([formatNumber('en', 12345.5), formatNumber('ro', 12345.5), formatNumber('it', 12345.5)]).toEqual(['12,345.5', '12.345,5', '12.345,5']);
    expect([formatNumber('en', 1250), formatNumber('ro', 1250)]).toEqual(['1,250', '1.250']);
    // A figure with its two decimals, as the quarterly report writes a CES.
    expect(formatNumber('it', 5, { minimumFractionDigits: 2, maximumFractionDigits: 2 })).toBe('5,00');
  });

  it('sign scores and changes, but never zero', () => {
    expect([formatSigned('en', 12), formatSigned('ro', -3), formatSigned('it', 0)]).toEqual(['+12', '-3', '0']);
    expect(formatSigned('it', 0.25)).toBe('+0,25');
  });

  it('write percentages of a fraction, with the space Romanian puts before the sign', () => {
    expect(formatPercent('en', 0.42)).toBe('42%');
    expect(formatPercent('it', 0.42)).toBe('42%');
    expect(formatPercent('ro', 0.42)).toBe('42\u00a0%');
    expect(formatPercent('en', 0.78)).toBe('78%'); // 78 / 100 is not exactly 0.78
    expect(formatPercent('it', 0.125, { maximumFractionDigits: 1 })).toBe('12,5%');
  });

  it('write sizes in kB and MB to one decimal', () => {
    const mb = 1024 * 1024;
    expect([formatBytes('en', 6.9 * mb), formatBytes('it', 6.9 * mb), formatBytes('ro', 6.9 * mb)]).toEqual(['6.9 MB', '6,9 MB', '6,9 MB']);
    expect(formatBytes('en', 6 * mb)).toBe('6.0 MB');
    expect(formatBytes('it', 1536)).toBe('1,5 kB');
  });

  it('build each formatter once per language and options', () => {
    expect(numberFormat('it', { maximumFractionDigits: 1 })).toBe(numberFormat('it', { maximumFractionDigits: 1 }));
    expect(numberFormat('it')).not.toBe(numberFormat('ro'));
  });
});

describe('dates', () => {
  // Local time, as the reader's clock shows it.
  const april = new Date(2026, 3, 1, 14, 5);

  it('write a day the language’s way', () => {
    expect(formatDate('en', april)).toBe('Apr 1, 2026');
    expect(formatDate('ro', april)).toBe('1 apr. 2026');
    expect(formatDate('it', april.getTime())).toBe('1 apr 2026');
  });

  it('write a day and a time of day, on the 12 or 24 hour clock as the language does', () => {
    expect(formatDateTime('en', april)).toMatch(/^Apr 1, 2026, 2:05\sPM$/);
    expect(formatDateTime('ro', april)).toBe('1 apr. 2026, 14:05');
    expect(formatDateTime('it', april)).toBe('1 apr 2026, 14:05');
  });
});

describe('formatsFor', () => {
  it('binds every formatter to one language', () => {
    const it_ = formatsFor('it');
    expect([it_.number(5.05), it_.percent(0.5), it_.bytes(6.9 * 1024 * 1024), it_.signed(2), it_.date(new Date(2026, 0, 31))]).toEqual(['5,05', '50%', '6,9 MB', '+2', '31 gen 2026']);
  });
});

describe('days in reports', () => {
  it('are the language’s own in Romanian and Italian, ISO 8601 in English', () => {
    const day = new Date(2026, 3, 1, 0, 30); // local time: just after midnight is still that day
    expect([formatDay('en', day), formatDay('ro', day), formatDay('it', day.getTime())]).toEqual(['2026-04-01', '1 apr. 2026', '1 apr 2026']);
  });
});
