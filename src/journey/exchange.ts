// The map file: a versioned, self-describing JSON form of a journey. The browser's "Export JSON" and
// the server's export endpoint both write it; import reads it. Lists are sorted so the same journey
// always gives the same file.
import { byIndex } from './order';
import { SCHEMA_VERSION, type Card, type Emotion, type Journey, type Lane, type Link, type Meta, type Persona, type Stage } from './types';

export const EXPORT_TYPE = 'touchpoint.journey';
export const EXPORT_VERSION = 1;

export interface PlainJourney {
  meta: Meta;
  personas: Persona[];
  stages: Stage[];
  lanes: Lane[];
  cards: Card[];
  links: Link[];
  emotions: Emotion[];
}

export interface ExportFile {
  type: typeof EXPORT_TYPE;
  version: number;
  exportedAt: string;
  journey: PlainJourney;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function toPlain(journey: Journey): PlainJourney {
  return {
    meta: journey.meta,
    personas: [...journey.personas.values()].sort(byIndex),
    stages: [...journey.stages.values()].sort(byIndex),
    lanes: [...journey.lanes.values()].sort(byIndex),
    cards: [...journey.cards.values()].sort((a, b) => (a.stageId < b.stageId ? -1 : a.stageId > b.stageId ? 1 : a.laneId < b.laneId ? -1 : a.laneId > b.laneId ? 1 : byIndex(a, b))),
    links: [...journey.links.values()].sort(byId),
    emotions: [...journey.emotions.values()].sort(byKey),
  };
}

export function toExportFile(journey: Journey, now: Date): ExportFile {
  return { type: EXPORT_TYPE, version: EXPORT_VERSION, exportedAt: now.toISOString(), journey: toPlain(journey) };
}

export type ReadFile = { ok: true; journey: Journey } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first checks of a map file: its type, its version, and the shape of its lists. Each entity's
 * fields are checked afterwards by the document schema (src/doc/schema.ts) once written.
 */
export function readExportFile(value: unknown): ReadFile {
  if (!isObject(value) || value.type !== EXPORT_TYPE) return { ok: false, error: 'This is not a Touchpoint map file (its "type" is not "touchpoint.journey").' };
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) return { ok: false, error: 'The file has no valid "version".' };
  if (value.version > EXPORT_VERSION) return { ok: false, error: `The file is version ${value.version}, newer than this Touchpoint understands (${EXPORT_VERSION}). Update Touchpoint to open it.` };
  const j = value.journey;
  if (!isObject(j) || !isObject(j.meta)) return { ok: false, error: 'The file has no journey in it.' };
  const lists = ['personas', 'stages', 'lanes', 'cards', 'links', 'emotions'] as const;
  const maps: Record<string, Map<string, unknown>> = {};
  for (const name of lists) {
    const list = j[name] ?? [];
    if (!Array.isArray(list)) return { ok: false, error: `"journey.${name}" is not a list.` };
    const map = new Map<string, unknown>();
    for (const [i, item] of list.entries()) {
      const id = isObject(item) ? (name === 'emotions' ? item.key : item.id) : undefined;
      if (typeof id !== 'string' || !id) return { ok: false, error: `Item ${i + 1} of "journey.${name}" has no ${name === 'emotions' ? 'key' : 'id'}.` };
      map.set(id, item);
    }
    maps[name] = map;
  }
  const m = j.meta;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const meta: Meta = {
    schemaVersion: SCHEMA_VERSION,
    title: text(m.title),
    scenario: text(m.scenario),
    variant: m.variant === 'future' ? 'future' : 'current',
    locale: text(m.locale) || 'en',
    createdAt: typeof m.createdAt === 'number' && Number.isFinite(m.createdAt) ? m.createdAt : 0,
  };
  return {
    ok: true,
    journey: { meta, ...(maps as unknown as Omit<Journey, 'meta' | 'unreadable'>), unreadable: [] },
  };
}
