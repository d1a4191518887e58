// Everything a user could notice of one map, read through a DocStore, in a form two stores can be
// compared by: the copy into PostgreSQL (postgres/copyFromSqlite.ts) reads a map this way from the
// SQLite file and from PostgreSQL, to skip a map already copied, refuse one that differs, and verify
// each copy. Reading it checks every checksum on the way (loadDoc, getVersion): damaged data rejects.
//
// A document is compared by what it is, not by its bytes: a log folded into one snapshot encodes
// differently from the snapshot and updates it came from. Two documents are the same when their Yjs
// snapshots (state vector and delete set: which operations they hold, which of them are deleted) and
// the content of their roots are equal.
import * as Y from 'yjs';
import type { Ballot, DocStore, MapRecord, PrivateCard, StoredRound, StoredThread, StoredVote, VersionInfo } from './DocStore';
import { applySnapshot, checksum } from './integrity';
import type { SurveyResponse } from '../../src/journey/voc/scores';

export interface MapContent {
  record: MapRecord & { sourceId: string | null };
  document: {
    /** Y.encodeSnapshot of the document, base64: canonical (its parts are written sorted). */
    snapshot: string;
    /** Canonical JSON of its roots (every root of the map's document is a Y.Map); empty ones left
     * out, as a folded document drops a root whose every entry was deleted. */
    content: string;
  };
  answers: SurveyResponse[];
  comments: { rev: number; threads: StoredThread[] };
  /** Newest first, each with the CRC-32 of its state as read (and checked) now. */
  versions: (VersionInfo & { stateCrc: number })[];
  votes: { vote: StoredVote | undefined; ballots: Ballot[] }[];
  rounds: { round: StoredRound | undefined; cards: PrivateCard[] }[];
}

/** The votes and rounds a map has: the DocStore reads them by id but does not list them, so the
 * caller lists them from the store's tables. */
export interface WorkshopIds {
  votes: string[];
  rounds: string[];
}

/** JSON with every object's keys sorted: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The map's document as a Yjs document, from everything stored for it. */
export async function loadDocument(store: DocStore, mapId: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(mapId);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (stored.snapshot) applySnapshot(doc, mapId, stored.snapshot, null);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  });
  return doc;
}

function describeDocument(doc: Y.Doc): MapContent['document'] {
  const roots = [...doc.share.keys()]
    .sort()
    .map((name) => [name, doc.getMap(name).toJSON()] as const)
    .filter(([, json]) => Object.keys(json).length > 0);
  return { snapshot: Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64'), content: canonicalJson(Object.fromEntries(roots)) };
}

/** The map's content, or undefined if the store has no such map. */
export async function readMapContent(store: DocStore, mapId: string, ids: WorkshopIds): Promise<MapContent | undefined> {
  const record = await store.getMap(mapId);
  if (!record) return undefined;
  const doc = await loadDocument(store, mapId);
  let document: MapContent['document'];
  try {
    document = describeDocument(doc);
  } finally {
    doc.destroy();
  }
  const versions: MapContent['versions'] = [];
  for (const info of await store.versions(mapId)) {
    const version = await store.getVersion(mapId, info.id);
    versions.push({ ...info, stateCrc: version ? checksum(version.state) : -1 });
  }
  return {
    record: { ...record, sourceId: await store.sourceOf(mapId) },
    document,
    answers: await store.responses(mapId),
    comments: await store.commentThreads(mapId),
    versions,
    votes: await Promise.all(ids.votes.map(async (id) => ({ vote: await store.getVote(mapId, id), ballots: await store.ballots(mapId, id) }))),
    rounds: await Promise.all(ids.rounds.map(async (id) => ({ round: await store.getRound(mapId, id), cards: await store.privateCards(mapId, id) }))),
  };
}

/** The parts in which two maps' contents differ (none: the same map). */
export function differences(a: MapContent, b: MapContent): (keyof MapContent)[] {
  return (Object.keys(a) as (keyof MapContent)[]).filter((part) => canonicalJson(a[part]) !== canonicalJson(b[part]));
}

/** What the summary line of a map says it holds. */
export function describeCounts(c: MapContent): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const comments = c.comments.threads.reduce((sum, t) => sum + t.comments.length, 0);
  return [
    n(c.answers.length, 'answer'),
    n(c.comments.threads.length, 'thread'),
    n(comments, 'comment'),
    n(c.versions.length, 'version'),
    n(c.votes.length, 'vote'),
    n(c.rounds.length, 'round'),
  ].join(', ');
}
