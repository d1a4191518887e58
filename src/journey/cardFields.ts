// A card's kind-specific fields, read through a field reader: the one definition of what each card
// kind holds and its defaults, shared by the document's reader (src/doc/schema.ts) and the map
// file's reader (repair.ts), which differ only in where the values come from and how they complain.
import { CHANNELS, LOOP_STATUSES, METRIC_TYPES, PRIORITIES, type Card, type CardKind, type Severity } from './types';

/** Reads one field, or throws the reader's own error naming it. */
export interface FieldReader {
  str(key: string, fallback?: string): string;
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T;
  num(key: string, min: number, max: number, fallback?: number): number;
  optNum(key: string): number | null;
  bool(key: string, fallback: boolean): boolean;
}

type Base = Pick<Card, 'id' | 'stageId' | 'laneId' | 'index' | 'text'>;

const MAX_TIME = Number.MAX_SAFE_INTEGER;

/** The card of `kind` with its own fields read by `f`; fields of other kinds are left behind. */
export function cardFrom(f: FieldReader, base: Base, kind: CardKind): Card {
  const loop = () => ({
    owner: f.str('owner', ''),
    status: f.oneOf('status', LOOP_STATUSES, 'open'),
    statusChangedAt: f.num('statusChangedAt', 0, MAX_TIME, 0),
    statusChangedBy: f.str('statusChangedBy', ''),
  });
  switch (kind) {
    case 'note':
      return { ...base, kind };
    case 'touchpoint':
      return { ...base, kind, channel: f.oneOf('channel', CHANNELS, 'other'), department: f.str('department', ''), momentOfTruth: f.bool('momentOfTruth', false) };
    case 'gap':
      return { ...base, kind, severity: f.num('severity', 1, 3, 2) as Severity, expectation: f.str('expectation', ''), ...loop() };
    case 'opportunity':
      return { ...base, kind, priority: f.oneOf('priority', PRIORITIES, 'medium'), ...loop() };
    case 'metric':
      return { ...base, kind, metric: f.oneOf('metric', METRIC_TYPES, 'other'), value: f.optNum('value'), sampleSize: f.optNum('sampleSize') };
  }
}
