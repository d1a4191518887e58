// What every benchmark shares: the --quick flag, the machine it ran on, a table on the console and
// the JSON results in bench/results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';

/** A small version of the benchmark (for CI): same code paths, fewer runs, no timing assertions. */
export const quick = process.argv.includes('--quick');

export function machine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

/** Milliseconds with two decimals (one above 100 ms). */
export const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(2)) : '-');
/** A count or rate with thousands separators. */
export const num = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
/** A ratio such as 1.3x. */
export const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x >= 10 ? 0 : 2)}x` : '-');
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

/** Prints a titled table: columns padded to their widest cell, numbers right-aligned. */
export function printTable(title: string, headers: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of cells) console.log(line(r));
}

/** Writes bench/results/<name>.json with the date, the machine and the mode. Returns the path. */
export function writeResults(name: string, results: Record<string, unknown>): string {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${name}.json`;
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: machine(), quick, ...results }, null, 2));
  return file;
}

/** A goal checked for the record (never an assertion: benchmarks do not fail on timing). */
export function goal(met: boolean): string {
  return met ? 'met' : 'MISSED';
}
