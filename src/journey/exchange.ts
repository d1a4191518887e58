// The map file: a versioned, self-describing JSON form of a journey. The browser's "Export JSON" and
// the server's export endpoint both write it; import reads it. Lists are sorted so the same journey
// always gives the same file.
import { byIndex } from './order';
import type { Card, Emotion, Journey, Lane, Link, Meta, Persona, Stage } from './types';

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
