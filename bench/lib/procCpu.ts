// CPU time of other processes, for the benchmarks that run servers as child processes (the
// instances of a local cluster, its PostgreSQL and Redis): read from /proc (Linux only), so that a
// benchmark can say how many CPU seconds each process spent between two readings.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's times. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime, in seconds. */
  own: number;
  /** cutime + cstime: its children that have exited and been waited for, in seconds. */
  reaped: number;
}

function stat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited meanwhile
  }
  // The command name (field 2) is in parentheses and may hold spaces: the fields after its ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(f[n - 3]);
  return { pid, ppid: field(4), own: (field(14) + field(15)) / TICKS, reaped: (field(16) + field(17)) / TICKS };
}

const pids = () =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);

/** CPU seconds a process and all its descendants have spent so far (those that exited included,
 * once their parent has waited for them: PostgreSQL's backends, say). */
export function treeCpuSeconds(rootPid: number): number {
  const all = pids()
    .map(stat)
    .filter((s): s is Stat => s !== null);
  const children = new Map<number, Stat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const root = all.find((s) => s.pid === rootPid);
  if (!root) return NaN;
  let total = root.reaped;
  const stack = [root];
  while (stack.length) {
    const s = stack.pop()!;
    total += s.own;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return total;
}

/** The first process whose command line (its arguments, joined by spaces) passes the test; null if none. */
export function findProcess(test: (commandLine: string) => boolean): number | null {
  for (const pid of pids()) {
    let line: string;
    try {
      line = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue;
    }
    if (test(line)) return pid;
  }
  return null;
}
