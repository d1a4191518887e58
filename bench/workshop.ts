// Benchmark: a workshop on a 1,000-card map (20 stages x 10 lanes x 5 cards), Chromium on the
// production build served by the real server (startOurs with the built app: port 0, throwaway data
// folder, in this process). The facilitator is a y-websocket client in this process (it takes the
// role in the document as the app does, and writes the timer); participants are Node HTTP clients,
// each with its own participant secret; K browser pages (3 quick, 5 full), each in a context of its
// own (its own storage, its own participant), have the map open through its edit link.
//
// 1. Close → drawn. Each round the facilitator opens a vote on the first three lanes (300 cards),
//    30 participants put 3 votes each (random cards, more on the first stages, as a room's votes
//    bunch up), then the facilitator closes it. Timed in every page from the moment the close
//    request is sent (this process's clock) to: the workshop bar saying the vote is closed (the
//    tally is in the page's store and React committed it), every card in view that got votes
//    showing its count in the DOM, and the first animation frame after that (drawn). Pages draw
//    only the cards in view (onlyRenderVisibleElements). Page times are epoch milliseconds
//    (performance.timeOrigin + performance.now()), put on this process's clock (epochNow) by an
//    offset measured for every page before every close (the evaluate round trip with the shortest
//    time of nine): both are monotonic, but each starts from the wall clock of its origin, and
//    this VM's wall clock is slewed and sometimes stepped. Baseline, same run, same pages: drawing the map once (navigation start
//    → the final set of cards drawn, bench/lib/browser.ts's firstRender): every page's first open,
//    and pages reloaded in turn before every round (one a round quick, two full).
// 2. Timer skew. Pages whose clock is shifted by +90 s or -90 s (Date and Date.now overridden
//    before the app's scripts) and pages with the true clock; the facilitator starts a 10-minute
//    timer (`workshop.timer`, endsAt on the server's clock, which is this process's). Each page
//    logs, on the machine's wall clock (its real Date.now, which the server's Date.now also reads),
//    when its countdown text changes; the moment it shows s seconds left
//    should be endsAt - s x 1000 (the display rounds up). Two situations each round: every page
//    open when the timer starts, then every page reloaded while it runs (late joiners: each load
//    measures its clock offset again, with GET /api/time). From the logs: every page's error
//    against the server's time at each second, its skew against a true-clock page (page 0), and
//    what every page showed at instants 10 ms apart (how often pages disagree, and by more than
//    1 s); and, for the reloaded pages, how long they showed a wrong time before their offset was
//    measured.
//
// Prints tables and writes bench/results/workshop.json.
// `node --expose-gc --import tsx bench/workshop.ts [--quick]`
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { readJourney } from '../src/doc/bindDoc';
import { setTimer, takeFacilitator } from '../src/doc/workshop';
import { sortByIndex } from '../src/journey/order';
import { newParticipantSecret, participantIdOf } from '../src/journey/participant';
import { formatCountdown, startTimer } from '../src/journey/workshop';
import { buildApp, launch, openContext } from './lib/browser';
import { providerClient, whenSynced } from './lib/clients';
import { mapState } from './lib/maps';
import { goal, printTable, quick, ratio, writeResults } from './lib/report';
import { epochNow } from './lib/serverProcess';
import { HOST, startOurs } from './lib/servers';
import { percentile, summarize, type Summary } from './lib/stats';

const PAGES = quick ? 3 : 5;
const ROUNDS = quick ? 3 : 30;
/** Pages reloaded before each round, in turn: the baseline's samples (besides each page's first open). */
const RELOADS = quick ? 1 : 2;
const PARTICIPANTS = 30;
const VOTES_EACH = 3;
const VOTED_LANES = 3;
/** Clock shifts of the pages in part 2, seconds (the first K). */
const SHIFTS = [0, 90, -90, 0, 90].slice(0, PAGES);
const TIMER_ROUNDS = quick ? 1 : 6;
/** How long the countdowns are logged: right after the start, and after every page was reloaded. */
const TIMER_STARTED_MS = quick ? 3_000 : 5_000;
const TIMER_JOINED_MS = quick ? 4_000 : 12_000;
const TIMER_MS = 10 * 60_000;
const SAMPLE_EVERY_MS = 10;
/** README: the timer is "the same to the second in every tab". */
const GOAL = { timerSkewMs: 1000 };
const check = (met: boolean) => (quick ? '(quick)' : goal(met));
const EDITOR_CARD = '.react-flow__node-card';

// ---- what runs in the pages (source text: nothing the TypeScript loader adds ends up there) -----

/** `window.__workshop`: armClose(expected) and the promise `close`; armTimer() / stopTimer(). */
const PROBES = String.raw`
(() => {
  const W = (window.__workshop = {});
  const epoch = () => performance.timeOrigin + performance.now();
  // The machine's wall clock, taken before the shifted clock's script (registered after this one)
  // replaces Date: what the server's Date.now() reads too.
  const wall = Date.now.bind(Date);
  const node = (id) => document.querySelector('.react-flow__node[data-id="' + CSS.escape(id) + '"]');
  // The workshop bar's vote: while open, votes left; once closed, the banner and its "Show results" button.
  const barVote = () => document.querySelector('.workshop-vote');
  W.voteOpenShown = () => { const el = barVote(); return !!el && !el.querySelector('button'); };
  W.armClose = (expected) => {
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    const targets = [];
    let inView = 0;
    for (const el of document.querySelectorAll('.react-flow__node-card')) {
      if (el.style.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (!(r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom)) continue;
      inView++;
      const id = el.getAttribute('data-id');
      if (expected[id]) targets.push([id, expected[id]]);
    }
    const result = { inView, voted: targets.length, banner: null, firstCount: null, committed: null, drawn: null, timedOut: false };
    const shows = ([id, n]) => {
      const badge = node(id) && node(id).querySelector('.card-votes.is-closed');
      const m = badge && /\d+/.exec(badge.textContent);
      return !!m && Number(m[0]) === n;
    };
    const seen = () => {
      const t = epoch();
      if (result.banner === null) { const el = barVote(); if (el && el.querySelector('button')) result.banner = t; }
      if (result.firstCount === null && document.querySelector('.card-votes.is-closed')) result.firstCount = t;
      if (result.committed === null && result.banner !== null && targets.every(shows)) result.committed = t;
    };
    const before = document.querySelectorAll('.card-votes.is-closed').length;
    W.close = new Promise((resolve) => {
      const observer = new MutationObserver(seen);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      let timeout = 0;
      const finish = () => { observer.disconnect(); clearTimeout(timeout); resolve(result); };
      timeout = setTimeout(() => { result.timedOut = true; finish(); }, 20000);
      const frame = () => {
        if (result.committed !== null) { result.drawn = epoch(); finish(); }
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    return { inView, voted: targets.length, before, open: W.voteOpenShown() };
  };
  W.armTimer = () => {
    const log = (W.timerLog = []);
    let last;
    const read = () => {
      const el = document.querySelector('[role=timer]');
      const text = el ? el.textContent : null;
      if (text !== last) { last = text; log.push([wall(), text]); }
    };
    read();
    if (W.timerObserver) W.timerObserver.disconnect();
    W.timerObserver = new MutationObserver(read);
    W.timerObserver.observe(document, { subtree: true, childList: true, characterData: true });
    return true;
  };
  W.stopTimer = () => { W.timerObserver.disconnect(); return W.timerLog; };
  W.dateNow = () => Date.now();
  W.timeFetches = () => performance.getEntriesByType('resource').filter((e) => /\/api\/time$/.test(e.name)).length;
})();
`;

/** A clock `shiftMs` off: Date (constructed with no arguments, or called) and Date.now. */
const shiftedClock = (shiftMs: number) => String.raw`
(() => {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const shift = ${shiftMs};
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(realNow() + shift).toString();
    return args.length ? new RealDate(...args) : new RealDate(realNow() + shift);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = () => realNow() + shift;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  window.Date = ShiftedDate;
})();
`;

const evaluate = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;

/** Polls `expression` in the page until it is truthy: evaluate round trips rather than
 * waitForFunction, whose predicate the page's Content-Security-Policy (no eval) would refuse. */
async function until<T>(page: Page, expression: string, what: string, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await evaluate<T>(page, expression);
    if (value) return value;
    if (Date.now() > end) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
    await sleep(50);
  }
}

// ---- the server, the map, the facilitator, the participants ----------------------------------------

const distDir = await buildApp();
const server = await startOurs(undefined, distDir);
const origin = `http://${HOST}:${server.port}`;
const map = await server.createMap(mapState(20, 10, 5));
const editLink = `${origin}/#/map/${map.id}?key=${map.editKey}`;

const facilitatorSecret = newParticipantSecret();
const facilitator = providerClient(server.wsBase, map.id, server.protocols(map), 'Facilitator');
await whenSynced(facilitator.provider);
takeFacilitator(facilitator.doc, participantIdOf(facilitatorSecret), 'Facilitator', Date.now());
const participants = Array.from({ length: PARTICIPANTS }, () => newParticipantSecret());

const journey = readJourney(facilitator.doc);
const stageOrder = new Map(sortByIndex([...journey.stages.values()]).map((s, i) => [s.id, i]));
const votedLanes = sortByIndex([...journey.lanes.values()]).slice(0, VOTED_LANES);
const laneOrder = new Map(votedLanes.map((l, i) => [l.id, i]));
/** The cards of the vote, in map order: stage, lane, place in the cell. */
const scope = [...journey.cards.values()]
  .filter((c) => laneOrder.has(c.laneId))
  .sort((a, b) => stageOrder.get(a.stageId)! - stageOrder.get(b.stageId)! || laneOrder.get(a.laneId)! - laneOrder.get(b.laneId)! || (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
  .map((c) => c.id);
if (journey.cards.size !== 1000 || scope.length !== 300) throw new Error(`unexpected map: ${journey.cards.size} cards, ${scope.length} in the vote`);

async function api<T>(method: string, path: string, secret: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${origin}/api/maps/${map.id}/${path}`, {
    method,
    headers: { authorization: `Bearer ${map.editKey}`, 'x-participant': secret, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
async function must<T>(method: string, path: string, secret: string, body?: unknown): Promise<T> {
  const answer = await api<T>(method, path, secret, body);
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Opens a vote; the first time, until the server's document has the facilitator (403 before). */
async function openVote(): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const answer = await api<{ id: string }>('POST', 'votes', facilitatorSecret, { laneIds: votedLanes.map((l) => l.id), votesPerPerson: VOTES_EACH, allowMultiple: false });
    if (answer.status === 201) return answer.body.id;
    if (answer.status !== 403 || Date.now() > until) throw new Error(`opening a vote: ${answer.status} ${JSON.stringify(answer.body)}`);
    await sleep(50);
  }
}

/** A seeded random number generator (mulberry32), so that every run votes alike. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each participant's 3 distinct cards, more of them on the first stages (u² over the map order). */
function ballots(round: number): string[][] {
  const next = random(1000 + round);
  return participants.map(() => {
    const picked = new Set<string>();
    while (picked.size < VOTES_EACH) picked.add(scope[Math.floor(scope.length * next() ** 2)]!);
    return [...picked];
  });
}

// ---- the pages ----------------------------------------------------------------------------------

interface Load {
  page: number;
  ms: number;
  cards: number;
  first: boolean;
}
interface Clock {
  /** Page epoch minus this process's epoch (ms), from the evaluate round trip with the shortest time. */
  offset: number;
  rtt: number;
}

const browser = await launch();
const chromium = browser.version();
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
const loads: Load[] = [];

async function firstRender(page: Page): Promise<{ ms: number; cards: number }> {
  return until(page, 'window.__bench && window.__bench.firstRender', 'the map to be drawn');
}

/** The page's epoch clock against this process's: the round trip with the shortest time of several. */
async function clockOf(page: Page): Promise<Clock> {
  let best: Clock | null = null;
  for (let i = 0; i < 9; i++) {
    const a = epochNow();
    const inPage = await evaluate<number>(page, 'performance.timeOrigin + performance.now()');
    const b = epochNow();
    if (!best || b - a < best.rtt) best = { offset: inPage - (a + b) / 2, rtt: b - a };
  }
  return best!;
}

// ---- 1. close → drawn ---------------------------------------------------------------------------

interface CloseSample {
  round: number;
  page: number;
  inView: number;
  voted: number;
  bannerMs: number;
  firstCountMs: number;
  committedMs: number;
  drawnMs: number;
}
const samples: CloseSample[] = [];
const answers: number[] = [];
/** Each round's page clock offsets (page epoch - this process's), for the record. */
const clocks: Clock[][] = [];
const shiftsSeen: number[] = [];

/** The pages were open when the timer started (their countdowns started with it), or were all
 * reloaded while it ran (late joiners: each counts from when it loaded). */
type Situation = 'started' | 'joined';
interface Transition {
  page: number;
  shift: number;
  round: number;
  situation: Situation;
  seconds: number;
  /** When the page showed it, and its error against the server's time (ms, positive: late). */
  at: number;
  errorMs: number;
}
const transitions: Transition[] = [];
interface Observation {
  round: number;
  situation: Situation;
  endsAt: number;
  /** When the observation started and ended (this process's clock; for pages just reloaded, their
   * logs go back to their load). */
  from: number;
  until: number;
  logs: [number, string | null][][];
}
const observations: Observation[] = [];

try {
  for (let i = 0; i < PAGES; i++) {
    const context = await openContext(browser, origin, EDITOR_CARD);
    await context.addInitScript({ content: PROBES });
    const page = await context.newPage();
    await page.goto(editLink);
    loads.push({ page: i, ...(await firstRender(page)), first: true });
    contexts.push(context);
    pages.push(page);
  }
  console.log(`${PAGES} pages open`);

  let previous: string | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    // The baseline: pages reloaded in turn (the map from IndexedDB and the server), timed to drawn.
    for (let k = 0; k < RELOADS; k++) {
      const reloaded = (round * RELOADS + k) % PAGES;
      await pages[reloaded]!.reload();
      loads.push({ page: reloaded, ...(await firstRender(pages[reloaded]!)), first: false });
    }
    await sleep(500); // the reloaded page's own writes (presence, the session's participant) done

    const voteId = await openVote();
    if (voteId === previous) throw new Error('the server reopened the same vote');
    previous = voteId;
    await Promise.all(pages.map((p, i) => until(p, 'window.__workshop.voteOpenShown()', `page ${i} to show the open vote`, 30_000)));
    const cast = ballots(round);
    await Promise.all(participants.map((secret, i) => must('PUT', `votes/${voteId}/ballot`, secret, { cards: cast[i] })));
    const expected: Record<string, number> = {};
    for (const ballot of cast) for (const id of ballot) expected[id] = (expected[id] ?? 0) + 1;
    await sleep(300); // every page idle again

    const armed: { inView: number; voted: number; before: number; open: boolean }[] = [];
    for (const page of pages) armed.push(await evaluate(page, `window.__workshop.armClose(${JSON.stringify(expected)})`));
    // Both clocks are monotonic (performance.now), but each starts from the wall clock at its
    // origin (a page's: its navigation), and this machine's wall clock is slewed and stepped: the
    // offset is measured for every page before every close.
    const fix: Clock[] = [];
    for (const page of pages) fix.push(await clockOf(page));
    clocks.push(fix);
    const stale = armed.findIndex((a) => a.before !== 0 || !a.open);
    if (stale >= 0) throw new Error(`page ${stale} did not show the open vote before the close`);
    const t0 = epochNow();
    const closed = await must<{ tally: Record<string, number> }>('POST', `votes/${voteId}/close`, facilitatorSecret);
    answers.push(epochNow() - t0);
    const want = Object.entries(expected).sort();
    const got = Object.entries(closed.tally).sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) throw new Error(`round ${round}: the server's tally differs from the ballots sent`);
    const results = await Promise.all(
      pages.map((p) => evaluate<{ inView: number; voted: number; banner: number | null; firstCount: number | null; committed: number | null; drawn: number | null; timedOut: boolean }>(p, 'window.__workshop.close')),
    );
    results.forEach((r, page) => {
      if (r.timedOut || r.drawn === null || r.committed === null || r.banner === null) throw new Error(`round ${round}, page ${page}: the counts were not shown within 20 s`);
      const at = (t: number | null) => (t === null ? NaN : t - fix[page]!.offset - t0);
      samples.push({ round, page, inView: r.inView, voted: r.voted, bannerMs: at(r.banner), firstCountMs: at(r.firstCount), committedMs: at(r.committed), drawnMs: at(r.drawn) });
    });
    await sleep(200);
  }
  console.log(`close → drawn: ${ROUNDS} rounds measured`);

  // ---- 2. timer skew ------------------------------------------------------------------------------

  // From here on: the shifted clocks, and every page logs its countdown from the moment it loads.
  for (let i = 0; i < PAGES; i++) await contexts[i]!.addInitScript({ content: `${SHIFTS[i] ? shiftedClock(SHIFTS[i]! * 1000) : ''}\nwindow.__workshop.armTimer();` });
  /** Every page reloaded, one after another; resolves once each has measured its clock offset. */
  const reloadAll = async () => {
    for (const page of pages) {
      await page.reload();
      await firstRender(page);
    }
    for (const [i, page] of pages.entries()) {
      // The offset measurements (GET /api/time): three when the map opens, three more at the first sync.
      const until = Date.now() + 10_000;
      let count = 0;
      let stableSince = Date.now();
      for (;;) {
        const now = await evaluate<number>(page, 'window.__workshop.timeFetches()');
        if (now !== count) stableSince = Date.now();
        count = now;
        if (count >= 6 || (count >= 3 && Date.now() - stableSince > 1000)) break;
        if (Date.now() > until) throw new Error(`page ${i} never asked the server's time`);
        await sleep(50);
      }
      const before = Date.now();
      const skew = (await evaluate<number>(page, 'window.__workshop.dateNow()')) - (before + Date.now()) / 2;
      if (Math.abs(skew - SHIFTS[i]! * 1000) > 1000) throw new Error(`page ${i}: its clock is ${skew} ms off, not ${SHIFTS[i]} s`);
      if (!shiftsSeen[i]) shiftsSeen[i] = skew;
    }
    await sleep(300);
  };
  /** Logs every page's countdown for `ms`, then reads the seconds it ticked. */
  const observe = async (round: number, situation: Situation, endsAt: number, ms: number) => {
    // Pages just reloaded keep the log they started at load (what a late joiner saw first).
    if (situation === 'started') for (const page of pages) await evaluate(page, 'window.__workshop.armTimer()');
    await Promise.all(pages.map((page) => page.waitForSelector('[role=timer]', { timeout: 30_000 })));
    // Wall clock times here (the page's real Date.now, the server's Date.now): the timer is on it.
    const from = Date.now();
    await sleep(ms);
    const until = Date.now();
    const logs: [number, string | null][][] = [];
    for (const page of pages) logs.push(await evaluate<[number, string | null][]>(page, 'window.__workshop.stopTimer()'));
    observations.push({ round, situation, endsAt, from, until, logs });
    logs.forEach((log, page) => {
      if (!log.some(([, text]) => text !== null)) throw new Error(`page ${page} never showed the timer`);
      for (let k = 1; k < log.length; k++) {
        const [at, text] = log[k]!;
        const before = seconds(log[k - 1]![1]);
        const s = seconds(text);
        // Not the first display, a tick; for a page just reloaded, once its clock offset was measured.
        if (s === null || before === null || s !== before - 1 || at < from) continue;
        transitions.push({ page, shift: SHIFTS[page]!, round, situation, seconds: s, at, errorMs: at - (endsAt - s * 1000) });
      }
    });
  };
  await reloadAll(); // the shifted clocks from here on
  for (let round = 0; round < TIMER_ROUNDS; round++) {
    // Every page open when the facilitator starts the timer; then every page reloaded while it runs.
    const timer = startTimer(TIMER_MS, Date.now());
    if (timer.status !== 'running') throw new Error('unreachable');
    setTimer(facilitator.doc, timer);
    await observe(round, 'started', timer.endsAt, TIMER_STARTED_MS);
    await reloadAll();
    await observe(round, 'joined', timer.endsAt, TIMER_JOINED_MS);
    setTimer(facilitator.doc, null);
    await sleep(300);
  }
  console.log(`timer: ${TIMER_ROUNDS} round${TIMER_ROUNDS > 1 ? 's' : ''} measured`);
} finally {
  await browser.close().catch(() => undefined);
  facilitator.destroy();
  await server.shutdown();
}

/** The seconds a countdown text shows ("◷ 9:59" → 599), or null (no timer, or it ended). */
function seconds(text: string | null): number | null {
  const m = text === null ? null : /(?:(\d+):)?(\d+):(\d\d)/.exec(text);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

// ---- figures ------------------------------------------------------------------------------------

const p = (values: number[]) => ({ ...summarize(values), p95: percentile(values, 95) });
type Stat = Summary & { p95: number };
const msOf = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 100 ? 1 : 0)} ms` : '-');
const sOf = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(3)} s` : '-');
const pct = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.001 ? 3 : 1)}%`;

const drawOnce = p(loads.map((l) => l.ms));
const measures: [string, Stat, string][] = [
  ['draw the map once (baseline): navigation start → cards drawn', drawOnce, `${loads.length} page loads (${PAGES} first opens, ${ROUNDS * RELOADS} reloads)`],
  ['close request → its answer (facilitator)', p(answers), `${answers.length} closes`],
  ['close → workshop bar shows the vote closed (DOM)', p(samples.map((s) => s.bannerMs)), `${samples.length} (${PAGES} pages x ${ROUNDS} rounds)`],
  ['close → counts on every voted card in view (DOM)', p(samples.map((s) => s.committedMs)), `${samples.length}`],
  ['close → counts drawn (first frame after)', p(samples.map((s) => s.drawnMs)), `${samples.length}`],
];
const perRound = Array.from({ length: ROUNDS }, (_, r) => Math.max(...samples.filter((s) => s.round === r).map((s) => s.drawnMs)));
measures.push(['close → counts drawn on the slowest page of the round', p(perRound), `${ROUNDS} rounds`]);
printTable(
  `Close → drawn: ${PARTICIPANTS} participants x ${VOTES_EACH} votes on ${scope.length} cards of a 1,000-card map, ${PAGES} pages open (ms)`,
  ['measure', 'p50', 'p95', 'p99', 'max', 'p50 / draw once', 'p99 / draw once', 'samples'],
  measures.map(([name, s, n]) => [name, msOf(s.p50), msOf(s.p95), msOf(s.p99), msOf(s.max), ratio(s.p50 / drawOnce.p50), ratio(s.p99 / drawOnce.p99), n]),
);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `cards in view per page: ${mean(samples.map((s) => s.inView)).toFixed(1)} on average, of which with votes ${mean(samples.map((s) => s.voted)).toFixed(1)} (min ${Math.min(...samples.map((s) => s.voted))}); ` +
    `first loads ${msOf(p(loads.filter((l) => l.first).map((l) => l.ms)).p50)}, reloads ${msOf(p(loads.filter((l) => !l.first).map((l) => l.ms)).p50)} (p50)`,
);
const drawnP50 = percentile(samples.map((s) => s.drawnMs), 50);
const drawnP99 = percentile(samples.map((s) => s.drawnMs), 99);
console.log(`ratio close → drawn / draw once: p50 ${ratio(drawnP50 / drawOnce.p50)}, p99 ${ratio(drawnP99 / drawOnce.p99)}`);

// Timer: the moments each page ticked, and what each page showed at instants SAMPLE_EVERY_MS apart
// (from when every page showed the timer), against the server's time, page 0 and each other.
const shown = (log: [number, string | null][], t: number): number | null => {
  let value: number | null = null;
  for (const [at, text] of log) {
    if (at > t) break;
    value = seconds(text);
  }
  return value;
};
interface Disagreement {
  samples: number;
  differ: number;
  apart: number;
}
const none = (): Disagreement => ({ samples: 0, differ: 0, apart: 0 });
const count = (d: Disagreement, a: number, b: number) => {
  d.samples++;
  if (a !== b) d.differ++;
  if (Math.abs(a - b) > 1) d.apart++;
};
const clockName = (shift: number) => (shift ? `${shift > 0 ? '+' : '-'}${Math.abs(shift)} s` : 'true');
const KINDS = [...new Set(SHIFTS)];
const SITUATIONS: [Situation, string][] = [
  ['started', 'open when it started'],
  ['joined', 'reloaded while it ran'],
];
interface TimerRow {
  situation: Situation;
  clock: string;
  pages: number;
  against: string;
  ticks: number;
  errorMs: { min: number; p50: number; max: number } | null;
  skew: Stat;
  differ: number;
  apart: number;
}
const timerRows: TimerRow[] = [];
for (const [situation] of SITUATIONS) {
  const seen = observations.filter((o) => o.situation === situation);
  const ticks = transitions.filter((x) => x.situation === situation);
  /** The moment page `page` showed `s` seconds in round `round`. */
  const tick = new Map(ticks.map((x) => [`${x.round}:${x.page}:${x.seconds}`, x.at]));
  const vsServer = SHIFTS.map(none);
  const vsRef = SHIFTS.map(none);
  const each = none();
  for (const { endsAt, from: armed, until, logs } of seen) {
    const from = Math.max(armed, ...logs.map((log) => log.find(([, text]) => text !== null)![0]));
    for (let t = from; t < until - 50; t += SAMPLE_EVERY_MS) {
      const values = logs.map((log) => shown(log, t));
      if (values.some((v) => v === null)) continue;
      const ideal = seconds(formatCountdown(endsAt - t))!;
      values.forEach((v, page) => {
        count(vsServer[page]!, v!, ideal);
        count(vsRef[page]!, v!, values[0]!);
      });
      count(each, Math.max(...(values as number[])), Math.min(...(values as number[])));
    }
  }
  const pooled = (ds: Disagreement[]) => ds.reduce((a, d) => ({ samples: a.samples + d.samples, differ: a.differ + d.differ, apart: a.apart + d.apart }), none());
  for (const shift of KINDS) {
    const of = SHIFTS.map((x, page) => (x === shift ? page : -1)).filter((page) => page >= 0);
    const errors = ticks.filter((x) => of.includes(x.page)).map((x) => x.errorMs);
    const d = pooled(of.map((page) => vsServer[page]!));
    timerRows.push({ situation, clock: clockName(shift), pages: of.length, against: 'server time', ticks: errors.length, errorMs: { min: Math.min(...errors), p50: percentile(errors, 50), max: Math.max(...errors) }, skew: p(errors.map(Math.abs)), differ: d.differ / d.samples, apart: d.apart / d.samples });
  }
  for (const shift of KINDS) {
    const of = SHIFTS.map((x, page) => (x === shift && page > 0 ? page : -1)).filter((page) => page > 0);
    if (!of.length) continue;
    const skew = ticks.filter((x) => of.includes(x.page) && tick.has(`${x.round}:0:${x.seconds}`)).map((x) => Math.abs(x.at - tick.get(`${x.round}:0:${x.seconds}`)!));
    const d = pooled(of.map((page) => vsRef[page]!));
    timerRows.push({ situation, clock: clockName(shift), pages: of.length, against: 'page 0 (true clock)', ticks: skew.length, errorMs: null, skew: p(skew), differ: d.differ / d.samples, apart: d.apart / d.samples });
  }
  const spreads: number[] = [];
  for (const { round } of seen) {
    for (const s of new Set(ticks.filter((x) => x.round === round).map((x) => x.seconds))) {
      const ats = SHIFTS.map((_, page) => tick.get(`${round}:${page}:${s}`));
      if (ats.every((a) => a !== undefined)) spreads.push(Math.max(...(ats as number[])) - Math.min(...(ats as number[])));
    }
  }
  timerRows.push({ situation, clock: 'all', pages: PAGES, against: 'each other', ticks: spreads.length, errorMs: null, skew: p(spreads), differ: each.differ / each.samples, apart: each.apart / each.samples });
}
printTable(
  `Timer skew: ${PAGES} pages, clocks ${SHIFTS.map(clockName).join(' / ')}; ${TIMER_ROUNDS} round${TIMER_ROUNDS > 1 ? 's' : ''}, each ${TIMER_STARTED_MS / 1000} s from the start, then ${TIMER_JOINED_MS / 1000} s after every page was reloaded; ` +
    `skew: when a page showed each second against when it should (endsAt - s) or against page 0; instants every ${SAMPLE_EVERY_MS} ms`,
  ['pages were', 'clock', 'pages', 'against', 'seconds ticked', 'error min / p50 / max', '|skew| p50', 'p99', 'max', 'instants differing', 'more than 1 s apart'],
  timerRows.map((r) => [
    SITUATIONS.find(([s]) => s === r.situation)![1],
    r.clock,
    r.pages,
    r.against,
    r.ticks,
    r.errorMs ? `${msOf(r.errorMs.min)} / ${msOf(r.errorMs.p50)} / ${msOf(r.errorMs.max)}` : '',
    sOf(r.skew.p50),
    sOf(r.skew.p99),
    sOf(r.skew.max),
    pct(r.differ),
    pct(r.apart),
  ]),
);
// A page loading while the timer runs shows it before it has measured its clock offset: how long
// each showed a time more than 1 s off the server's, from its first display of the timer.
interface Joining {
  clock: string;
  loads: number;
  wrong: number;
  wrongMs: Stat;
}
const joining: Joining[] = KINDS.map((shift) => {
  const durations: number[] = [];
  for (const { endsAt, from, logs } of observations.filter((o) => o.situation === 'joined')) {
    logs.forEach((log, page) => {
      if (SHIFTS[page] !== shift) return;
      const first = log.findIndex(([, text]) => text !== null);
      let wrongUntil: number | null = null;
      for (let k = first; k >= 0 && k < log.length && log[k]![0] < from; k++) {
        const [at, text] = log[k]!;
        const v = seconds(text);
        if (v !== null && Math.abs(v - seconds(formatCountdown(endsAt - at))!) > 1) wrongUntil = log[k + 1]?.[0] ?? from;
      }
      durations.push(wrongUntil === null ? 0 : wrongUntil - log[first]![0]);
    });
  }
  return { clock: clockName(shift), loads: durations.length, wrong: durations.filter((d) => d > 0).length, wrongMs: p(durations) };
});
printTable(
  'A page loaded while the timer runs: a time more than 1 s off the server\'s shown before its clock offset is measured',
  ['clock', 'page loads', 'showed a wrong time', 'for p50', 'max'],
  joining.map((j) => [j.clock, j.loads, j.wrong, msOf(j.wrongMs.p50), msOf(j.wrongMs.max)]),
);
const everyPair = timerRows.filter((r) => r.clock === 'all');
const worst = Math.max(...everyPair.map((r) => r.skew.max));
const apart = Math.max(...everyPair.map((r) => r.apart));
const flashes = joining.reduce((n, j) => n + j.wrong, 0);
const loadsSeen = joining.reduce((n, j) => n + j.loads, 0);
const longest = Math.max(...joining.map((j) => j.wrongMs.max));
console.log(
  `\nGoal (README): the timer "the same to the second in every tab, a late joiner's or a reloaded one's", whatever its clock:\n` +
    `  once the page has its clock offset: largest skew between pages ${sOf(worst)}, instants more than 1 s apart ${pct(apart)}  ${check(worst < GOAL.timerSkewMs && apart === 0)}\n` +
    `  while a page loads: ${flashes} of ${loadsSeen} loads showed a time more than 1 s off, for up to ${msOf(longest)}  ${check(flashes === 0)}`,
);

console.log(
  `\nwrote ${writeResults('workshop', {
    chromium,
    pages: PAGES,
    rounds: ROUNDS,
    reloadsPerRound: RELOADS,
    participants: PARTICIPANTS,
    votesEach: VOTES_EACH,
    cardsInVote: scope.length,
    clocks,
    closeToDrawn: Object.fromEntries(measures.map(([name, s]) => [name, s])),
    loads,
    samples,
    timer: {
      shifts: SHIFTS,
      clockSkewSeenMs: shiftsSeen,
      rounds: TIMER_ROUNDS,
      startedMs: TIMER_STARTED_MS,
      joinedMs: TIMER_JOINED_MS,
      rows: timerRows,
      joining,
      transitions,
    },
  })}`,
);
process.exit(0);
