// docs/api.md stays true: its Node script, copied out of the page as a reader would, runs against a
// real server, reads the map and writes a card that an editor in the app sees.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readJourney } from '../src/doc/bindDoc';
import { sortByIndex } from '../src/journey/order';
import { cardTexts, createMap, openClient, ROOT, scriptDir, testResources, waitFor, type TestServer } from './testing/harness';

let server: TestServer;
const { serve, finish } = testResources();
beforeAll(async () => {
  server = await serve();
});
afterAll(finish);

function scriptFromDocs(): string {
  const page = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
  const block = /```js\n(\/\/ touchpoint-client\.mjs[\s\S]*?)```/.exec(page);
  if (!block) throw new Error('docs/api.md has no touchpoint-client.mjs script');
  return block[1]!;
}

function run(file: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: join(file, '..') });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000); // a script that never ends fails here
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, out, err });
    });
  });
}

it('the Node script in docs/api.md reads a map and writes a card everyone sees', async () => {
  const dir = scriptDir();
  const file = join(dir, 'touchpoint-client.mjs');
  writeFileSync(file, scriptFromDocs());
  const { id, editKey } = await createMap(server.http, { template: 'currentJourney' });
  const editor = await openClient(server.ws, id, editKey);
  const cardsBefore = editor.doc.getMap('cards').size;

  const result = await run(file, [server.http, id, editKey]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  const journey = readJourney(editor.doc);
  const stages = sortByIndex(journey.stages.values());
  expect(result.out).toContain(`${journey.meta.title}: ${stages.length} stages, ${journey.lanes.size} lanes, ${cardsBefore} cards`);
  const added = /Added card (\w{12}) to "(.*)" \/ "(.*)"/.exec(result.out);
  expect(added).not.toBeNull();

  // The app's editor sees it, last in the first stage's first note lane, read cleanly by the schema.
  await waitFor(() => cardTexts(editor.doc).get(added![1]!) === 'Written by a script', 'the editor to see the script’s card');
  const after = readJourney(editor.doc);
  const card = after.cards.get(added![1]!)!;
  expect(after.unreadable).toEqual([]);
  expect(card.kind).toBe('note');
  expect(card.stageId).toBe(stages[0]!.id);
  expect(after.lanes.get(card.laneId)!.kind).toBe('actions');
  const cell = sortByIndex([...after.cards.values()].filter((c) => c.stageId === card.stageId && c.laneId === card.laneId));
  expect(cell.at(-1)!.id).toBe(card.id);
  editor.destroy();
}, 30_000);

it('the script is told when its key is wrong', async () => {
  const dir = scriptDir();
  const file = join(dir, 'touchpoint-client.mjs');
  writeFileSync(file, scriptFromDocs());
  const { id } = await createMap(server.http);
  const result = await run(file, [server.http, id, 'wrong-key']);
  expect(result.code).toBe(1);
  expect(result.err).toContain('The server refused: 4401');
}, 30_000);
