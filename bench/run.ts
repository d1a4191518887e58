// Runs every benchmark in bench/ (each *.ts file here but this one), one after another, each in its
// own process (`node --expose-gc --import tsx <file> [--quick]`) with its output forwarded. Exits
// non-zero if any of them failed; the others still run. Names after the flags pick some of them;
// `--except=a,b` leaves those out (the test command leaves out the canvas benchmark, whose quick run
// takes most of a minute and says nothing its full run does not, and the one across instances,
// whose clusters the fault tests of server/scaleout start and drive harder).
// `node --import tsx bench/run.ts [--quick] [--except=canvas,scaleout] [sync server ...]`
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const args = process.argv.includes('--quick') ? ['--quick'] : [];
const picked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const except = (process.argv.find((a) => a.startsWith('--except='))?.slice('--except='.length) ?? '').split(',').filter(Boolean);
const files = readdirSync(benchDir, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && e.name !== 'run.ts')
  .map((e) => e.name)
  .filter((name) => !picked.length || picked.includes(name.replace(/\.ts$/, '')))
  .filter((name) => !except.includes(name.replace(/\.ts$/, '')))
  .sort();
if (!files.length) {
  console.error(`no benchmark in bench/ matches ${picked.join(', ')}`);
  process.exit(1);
}

function run(file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', relative(root, join(benchDir, file)), ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', () => done({ code: 1, signal: null }));
    child.on('exit', (code, signal) => done({ code, signal }));
  });
}

const failed: string[] = [];
const t0 = performance.now();
for (const file of files) {
  console.log(`\n=== bench/${file}${args.length ? ' (quick)' : ''} ===`);
  const started = performance.now();
  const { code, signal } = await run(file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code === 0) console.log(`=== bench/${file}: done in ${seconds} s ===`);
  else {
    failed.push(file);
    console.log(`=== bench/${file}: FAILED (${signal ?? `exit code ${code}`}) after ${seconds} s ===`);
  }
}
console.log(`\n${files.length - failed.length} of ${files.length} benchmarks ran in ${((performance.now() - t0) / 1000).toFixed(1)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}.`);
process.exit(failed.length ? 1 : 0);
