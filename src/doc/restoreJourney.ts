// Restoring a version of the map in place: the document is brought to the version's content in one
// LOCAL transaction (one undo step), changing only what differs. An entity the version holds as it
// is now is not touched; a card's text is changed through the smallest edit of its shared text; a
// field is set only when it differs. So what others type meanwhile, on any card, lands on top of the
// restored state instead of being lost with a wholesale replace (src/doc/replaceJourney.ts is the
// file import's wholesale replace).
import * as Y from 'yjs';
import { diffText } from '../journey/text';
import type { Journey } from '../journey/types';
import { wellFormed } from '../journey/wellFormed';
import { LOCAL } from './origins';
import { entity, roots, writeCard, writeEmotion, writeLane, writeLink, writeMeta, writePersona, writeStage, type Roots } from './schema';


type Plain = Record<string, unknown>;

const equal = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Sets the fields of an entity's Y.Map that differ from `fields`; removes those it no longer has. */
function patchMap(m: Y.Map<unknown>, fields: Plain, keep: ReadonlySet<string>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const now = m.get(key);
    if (now instanceof Y.Text) {
      const edit = diffText(now.toString(), wellFormed(String(value)));
      if (edit) {
        if (edit.remove) now.delete(edit.index, edit.remove);
        if (edit.insert) now.insert(edit.index, edit.insert);
      }
    } else if (!equal(now, value)) m.set(key, value);
  }
  for (const key of [...m.keys()]) if (!(key in fields) && !keep.has(key)) m.delete(key);
}

/** Brings a root of Y.Maps (stages, lanes, cards, personas) to `wanted`: patch, delete, add. */
function restoreMaps<T extends { id: string }>(root: Y.Map<unknown>, wanted: ReadonlyMap<string, T>, write: (item: T) => void, fieldsOf: (item: T) => Plain, keep: ReadonlySet<string> = new Set()): void {
  for (const key of [...root.keys()]) if (!wanted.has(key)) root.delete(key);
  for (const item of wanted.values()) {
    const m = entity(root, item.id);
    if (m) patchMap(m, fieldsOf(item), keep);
    else write(item);
  }
}

/** Brings a root of plain values (links, emotions) to `wanted`. */
function restorePlain<T>(root: Y.Map<unknown>, wanted: ReadonlyMap<string, T>, valueOf: (item: T) => Plain, write: (item: T) => void): void {
  for (const key of [...root.keys()]) if (!wanted.has(key)) root.delete(key);
  for (const [key, item] of wanted) if (!equal(root.get(key), valueOf(item))) write(item);
}

/**
 * Makes the document hold `journey` (a version read from its file): its title, scenario and variant,
 * and every persona, stage, lane, card, link and emotion. The map keeps its id, creation date, locale
 * and schema version. Callers with an undo manager should call its `stopCapturing()` first.
 */
export function restoreJourney(doc: Y.Doc, journey: Journey): void {
  doc.transact(() => {
    const r: Roots = roots(doc);
    const { title, scenario, variant } = journey.meta;
    writeMeta(r, Object.fromEntries(Object.entries({ title, scenario, variant }).filter(([k, v]) => r.meta.get(k) !== v)));
    const without = <T extends { id: string }>(item: T): Plain => {
      const { id: _id, ...rest } = item;
      return rest;
    };
    restoreMaps(r.personas, journey.personas, (p) => writePersona(r, p), without);
    restoreMaps(r.stages, journey.stages, (s) => writeStage(r, s), without);
    restoreMaps(r.lanes, journey.lanes, (l) => writeLane(r, l), without);
    restoreMaps(r.cards, journey.cards, (c) => writeCard(r, c), without);
    restorePlain(r.links, journey.links, (l) => ({ from: l.from, to: l.to, label: l.label }), (l) => writeLink(r, l));
    restorePlain(r.emotions, journey.emotions, (e) => ({ score: e.score, note: e.note }), (e) => writeEmotion(r, e));
  }, LOCAL);
}
