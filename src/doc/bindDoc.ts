// The one writer of store.journey. Mirrors the Y.Doc into plain, read-only objects: after each
// transaction (local or remote alike) only the entries it touched are read again, so unchanged
// entities keep their identity and memoised selectors skip them.
import * as Y from 'yjs';
import type { Journey, Unreadable } from '../journey/types';
import { readCard, readEmotion, readLane, readLink, readMeta, readPersona, readStage, roots, type Read, type RootName } from './schema';

type Reader = (key: string, value: unknown) => Read<unknown>;
type EntityRoot = Exclude<RootName, 'meta'>;

const READERS: Record<EntityRoot, Reader> = {
  personas: readPersona,
  stages: readStage,
  lanes: readLane,
  cards: readCard,
  links: readLink,
  emotions: readEmotion,
};
const ENTITY_ROOTS = Object.keys(READERS) as EntityRoot[];

export interface JourneySink {
  getJourney(): Journey;
  setJourney(journey: Journey): void;
}

/** Reads the whole document once. */
export function readJourney(doc: Y.Doc): Journey {
  const r = roots(doc);
  const unreadable: Unreadable[] = [];
  const out: Record<string, Map<string, unknown>> = {};
  for (const name of ENTITY_ROOTS) {
    const map = new Map<string, unknown>();
    r[name].forEach((value, key) => {
      const read = READERS[name](key, value);
      if (read.ok) map.set(key, read.value);
      else unreadable.push({ root: name, key, reason: read.reason, issue: read.issue });
    });
    out[name] = map;
  }
  return { meta: readMeta(r.meta), ...(out as unknown as Omit<Journey, 'meta' | 'unreadable'>), unreadable };
}

export function bindDoc(doc: Y.Doc, sink: JourneySink): () => void {
  const r = roots(doc);
  const dirty = new Map<EntityRoot, Set<string>>();
  let metaDirty = false;
  sink.setJourney(readJourney(doc));

  const observers = ENTITY_ROOTS.map((name) => {
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      let keys = dirty.get(name);
      if (!keys) dirty.set(name, (keys = new Set()));
      for (const event of events) {
        if (event.target === r[name]) (event as Y.YMapEvent<unknown>).keysChanged.forEach((k) => keys!.add(k));
        else if (typeof event.path[0] === 'string') keys.add(event.path[0]); // a field of one entity
      }
    };
    r[name].observeDeep(observer);
    return () => r[name].unobserveDeep(observer);
  });
  const metaObserver = () => {
    metaDirty = true;
  };
  r.meta.observe(metaObserver);

  const flush = () => {
    if (!dirty.size && !metaDirty) return;
    const prev = sink.getJourney();
    const next: Journey = { ...prev };
    if (metaDirty) next.meta = readMeta(r.meta);
    let unreadable = prev.unreadable;
    for (const [name, keys] of dirty) {
      const map = new Map(prev[name] as ReadonlyMap<string, unknown>);
      if (unreadable.some((u) => u.root === name && keys.has(u.key))) unreadable = unreadable.filter((u) => u.root !== name || !keys.has(u.key));
      for (const key of keys) {
        const value = r[name].get(key);
        if (value === undefined) {
          map.delete(key);
          continue;
        }
        const read = READERS[name](key, value);
        if (read.ok) map.set(key, read.value);
        else {
          map.delete(key);
          unreadable = [...unreadable, { root: name, key, reason: read.reason, issue: read.issue }];
        }
      }
      (next as unknown as Record<string, unknown>)[name] = map;
    }
    next.unreadable = unreadable;
    dirty.clear();
    metaDirty = false;
    sink.setJourney(next);
  };
  doc.on('afterTransaction', flush);

  return () => {
    observers.forEach((off) => off());
    r.meta.unobserve(metaObserver);
    doc.off('afterTransaction', flush);
  };
}
