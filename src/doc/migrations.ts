// Versions of the live document. A map stored in an older shape becomes the shape this code reads
// and writes here, on the server, once, when its room loads (before any client is answered):
//
//   stored Y.Doc (version n) ─► migrateDoc (origin MIGRATION, one transaction) ─► Y.Doc at
//   SCHEMA_VERSION ─► clients ─► bindDoc ─► store.journey
//
// and, after that, on each record an incoming client transaction touched (`migrateRecords`): an old
// client's offline edits can come back later through a newer client that reloaded with that
// browser's copy, in the old shape. Every migration is idempotent: it converts whatever old shape it
// finds and leaves the new shape alone, so running it twice, or on a record that arrives late, is
// harmless. MIGRATION is tracked by no UndoManager (undo.ts tracks LOCAL): no one undoes a
// migration. docs/schema.md, "Versions and migrations".
import * as Y from 'yjs';
import { MIGRATION } from './origins';
import { ROOTS, roots, type RootName, type Roots } from './schema';

export interface Migration {
  /** The document's version once this migration ran: 2, 3, … with no gaps. */
  readonly version: number;
  readonly name: string;
  /** Converts every record of an older shape found in the document. Idempotent. */
  up(r: Roots): void;
  /**
   * Converts one record (the entry `key` of the root `root`) that is in an older shape, when it
   * arrives after the document was migrated. Idempotent; absent when no record changes shape.
   */
  upRecord?(r: Roots, root: RootName, key: string): void;
}

/** The version of a map that has no `meta.schemaVersion`: from before versions were honoured. */
export const FIRST_VERSION = 1;

/** Every migration, in order. The last one's version is SCHEMA_VERSION (src/journey/types.ts). */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    name: 'cards carry evidence',
    // The optional card keys `evidence` and `evidenceLink` need no data change (a card without them
    // has no evidence). The version is the point: a client of version 1 does not know them and
    // drops them when it copies, pastes or duplicates a card, so it must stop writing this map.
    up: () => undefined,
  },
];

/** The version a list of migrations brings a document to. */
export const latestVersion = (migrations: readonly Migration[]): number => migrations.at(-1)?.version ?? FIRST_VERSION;

/** The version the document says it has (missing or not a whole number ≥ 1: version 1). */
export function docVersion(doc: Y.Doc): number {
  const value = doc.getMap('meta').get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value >= FIRST_VERSION ? value : FIRST_VERSION;
}

/** Throws unless the versions are 2, 3, … in order: a gap or a repeat is a programming error. */
export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== FIRST_VERSION + 1 + i) throw new Error(`migration "${m.name}" has version ${m.version}, expected ${FIRST_VERSION + 1 + i}`);
  });
}

export interface MigrationResult {
  /** The document's version before. */
  from: number;
  /** Its version after (`from` when nothing ran). */
  to: number;
  /** The migrations that ran, as "version: name", in order. */
  ran: string[];
  /** The document is newer than the last migration known here: it was left exactly as it was. */
  newer: boolean;
}

/**
 * Brings a document to the last version of `migrations`: every migration newer than its version
 * runs, in order, in one transaction under MIGRATION, which also sets `meta.schemaVersion`. A
 * document already there, or newer than any migration known here, is not touched.
 */
export function migrateDoc(doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  checkMigrations(migrations);
  const from = docVersion(doc);
  const to = latestVersion(migrations);
  if (from > to) return { from, to: from, ran: [], newer: true };
  const due = migrations.filter((m) => m.version > from);
  if (!due.length) return { from, to: from, ran: [], newer: false };
  doc.transact(() => {
    const r = roots(doc);
    for (const migration of due) migration.up(r);
    r.meta.set('schemaVersion', to);
  }, MIGRATION);
  return { from, to, ran: due.map((m) => `${m.version}: ${m.name}`), newer: false };
}

export interface RecordRef {
  root: RootName;
  key: string;
}

/** The records (entries of the roots) a transaction changed: an entry set or deleted at the root,
 * or anything inside one (a card's field, its text). Each at most once. */
export function touchedRecords(tr: Y.Transaction): RecordRef[] {
  const rootNames = new Map<unknown, RootName>(ROOTS.map((name) => [tr.doc.getMap(name), name]));
  const seen = new Set<string>();
  const out: RecordRef[] = [];
  const add = (root: RootName, key: string) => {
    const id = `${root}\u0000${key}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ root, key });
  };
  tr.changed.forEach((keys, type) => {
    const root = rootNames.get(type);
    if (root) {
      for (const key of keys) if (key !== null) add(root, key);
      return;
    }
    // Inside an entry: climb to the type whose parent is a root; its key there is the record's.
    let inner: Y.AbstractType<unknown> = type as Y.AbstractType<unknown>;
    while (inner._item) {
      const parent = inner._item.parent;
      if (!(parent instanceof Y.AbstractType)) return;
      const parentRoot = rootNames.get(parent);
      if (parentRoot) {
        if (inner._item.parentSub !== null) add(parentRoot, inner._item.parentSub);
        return;
      }
      inner = parent;
    }
  });
  return out;
}

/**
 * Runs the record-level hooks of every migration the document has had (version ≤ its version) on
 * these records, in one transaction under MIGRATION. Records no longer there are skipped. Returns
 * how many records were looked at (0 when no migration of this document has a hook).
 */
export function migrateRecords(doc: Y.Doc, records: readonly RecordRef[], migrations: readonly Migration[] = MIGRATIONS): number {
  const version = docVersion(doc);
  const hooks = migrations.filter((m) => m.upRecord && m.version <= version);
  if (!hooks.length || !records.length) return 0;
  let looked = 0;
  doc.transact(() => {
    const r = roots(doc);
    for (const { root, key } of records) {
      if (!r[root].has(key)) continue;
      looked++;
      for (const migration of hooks) migration.upRecord!(r, root, key);
    }
  }, MIGRATION);
  return looked;
}

/**
 * After each transaction whose origin `fromClient` accepts (the server: a client's update), runs
 * the record-level hooks on the records it touched. Its own transaction follows the client's at
 * once (Yjs runs a transaction started while another is being cleaned up right after it), so the
 * conversion is stored and broadcast as the next update. Nothing is watched when no migration has a
 * hook. Returns the function that stops watching.
 */
export function watchLateRecords(doc: Y.Doc, fromClient: (origin: unknown) => boolean, migrations: readonly Migration[] = MIGRATIONS): () => void {
  if (!migrations.some((m) => m.upRecord)) return () => undefined;
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === MIGRATION || !fromClient(tr.origin)) return;
    const records = touchedRecords(tr);
    if (records.length) migrateRecords(doc, records, migrations);
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}
