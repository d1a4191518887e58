// The card kinds, gathered: each kind's module (note.ts … metric.ts) declares its fields, drawing,
// inspector, CSV and report; evidence.ts the fields every card has. The rest of the app asks here:
// the schema of a kind (for the document, the file and the commands' writes), a new card's fields,
// the kind a lane makes, a card's face, and so on.
import * as v from 'valibot';
import { check, optText, text, type Checked, type Issue } from '../records/valid';
import type { CardBase, LaneKind } from '../types';
import { evidenceFields, evidenceInspector, type Evidence } from './evidence';
import type { MessageKey } from '../../i18n/en';
import { gap, type GapCard } from './gap';
import type { CardKindDef, OwnFields } from './kind';
import { metric, type MetricCard } from './metric';
import { note, type NoteCard } from './note';
import { opportunity, type OpportunityCard } from './opportunity';
import { touchpoint, type TouchpointCard } from './touchpoint';

export type Card = NoteCard | TouchpointCard | GapCard | OpportunityCard | MetricCard;
export type CardKind = Card['kind'];
export type CardOf<K extends CardKind> = Extract<Card, { kind: K }>;

export const CARD_KINDS = ['note', 'touchpoint', 'gap', 'opportunity', 'metric'] as const satisfies readonly CardKind[];

type Registry = { [K in CardKind]: CardKindDef<K, CardOf<K>> };
const KINDS: Registry = { note, touchpoint, gap, opportunity, metric };

/** The declaration of a card's kind. */
export const kindOf = <K extends CardKind>(kind: K): CardKindDef<K, CardOf<K>> => KINDS[kind] as CardKindDef<K, CardOf<K>>;
/** The declaration of `card`'s kind, typed for that card (one place for the cast a union needs). */
export const defOf = <C extends Card>(card: C): CardKindDef<C['kind'], C> => KINDS[card.kind] as unknown as CardKindDef<C['kind'], C>;

/** A card's kind-specific fields (every kind's, each optional): what `updateCard` may write. An
 * evidence field set to null is cleared (nobody said what the card rests on). */
export type CardFields = Partial<
  OwnFields<TouchpointCard> & OwnFields<GapCard> & OwnFields<OpportunityCard> & OwnFields<MetricCard> & { [K in keyof Evidence]-?: Evidence[K] | null }
>;

/** The fields a write may clear (set to null): those that may be absent. */
export const CLEARABLE_CARD_FIELDS: ReadonlySet<string> = new Set(Object.keys(evidenceFields));

/** Kinds that close a loop (an owner and a status, stamped when either changes). */
export const isLoopKind = (kind: CardKind): kind is 'gap' | 'opportunity' => 'status' in KINDS[kind].fields;

// ---- what lanes make ----------------------------------------------------------------------------

const CARD_KIND_OF_LANE: Record<LaneKind, CardKind | null> = {
  actions: 'note',
  touchpoints: 'touchpoint',
  thoughts: 'note',
  emotions: null, // the emotional curve lives in `emotions`, not in cards
  painPoints: 'gap',
  opportunities: 'opportunity',
  frontStage: 'note',
  backStage: 'note',
  support: 'note',
  metrics: 'metric',
};

/** The kind of card a lane's "+" makes (null: the emotions lane holds the curve, not cards). */
export const cardKindForLane = (lane: LaneKind): CardKind | null => CARD_KIND_OF_LANE[lane];
/** The lane kind a card kind goes to when nothing else says where. */
export const homeLane = (kind: CardKind): LaneKind => KINDS[kind].homeLane;

// ---- schemas ------------------------------------------------------------------------------------

/** Everything but the id and the order key, which each reader checks its own way (map key / file field). */
const base = { stageId: optText, laneId: optText, text };

const schemaOf = <K extends CardKind>(kind: K) => v.object({ kind: v.literal(kind, 'unknownValue'), ...base, ...evidenceFields, ...KINDS[kind].fields });

/** A card of any kind, by its `kind`; fields of other kinds are left behind (stripped). */
export const cardSchema = v.variant('kind', CARD_KINDS.map(schemaOf) as unknown as [ReturnType<typeof schemaOf>], 'unknownValue');

/** A card's content (all but `id` and `index`), checked; each field's default fills what is missing. */
export function checkCard(input: unknown, at = ''): Checked<Omit<Card, 'id' | 'index'>> {
  return check(cardSchema, input, at) as Checked<Omit<Card, 'id' | 'index'>>;
}

const patchSchemas = new Map(CARD_KINDS.map((k) => [k, v.strictObject(v.partial(v.object({ ...evidenceFields, ...KINDS[k].fields })).entries, 'unknownValue')]));

/**
 * Checks a write of kind-specific fields to a card of `kind`: every key must be one of the kind's (or
 * evidence), every value of its type. The problem, or null when the write is good.
 */
export function checkCardPatch(kind: CardKind, patch: Record<string, unknown>): Issue | null {
  const result = check(patchSchemas.get(kind)!, patch);
  return result.ok ? null : result.issue;
}

/** A new card of `kind` with every field at its default (`now`: when its loop's status was set). */
export function defaultCard<K extends CardKind>(kind: K, placement: Pick<CardBase, 'id' | 'stageId' | 'laneId' | 'index' | 'text'>, now: number): CardOf<K> {
  return { ...placement, kind, ...KINDS[kind].initial(now) } as unknown as CardOf<K>;
}

/** The card with only its kind's fields, in a fixed order (the file writer's shape). */
export function cardWithOwnFields(card: Card): Card {
  const own = Object.keys({ ...evidenceFields, ...KINDS[card.kind].fields });
  const full = { ...defaultCard(card.kind, card, 0), ...card } as Record<string, unknown>;
  const out: Record<string, unknown> = { id: card.id, kind: card.kind, stageId: card.stageId, laneId: card.laneId, index: card.index, text: card.text };
  for (const key of own) if (full[key] !== undefined) out[key] = full[key];
  return out as unknown as Card;
}

/** Who answers for the card: a touchpoint's department, a loop's owner ('' for other kinds). */
export const responsibleFor = (card: Card): string => defOf(card).responsible(card);

const FIELD_LABELS: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  ['text', 'field.text'],
  ['kind', 'compare.field.kind'],
  // Set with the status or the owner: said as the status.
  ['statusChangedAt', 'field.status'],
  ['statusChangedBy', 'field.status'],
  ...CARD_KINDS.flatMap((k) =>
    [...KINDS[k].inspector(defaultCard(k, { id: '', stageId: '', laneId: '', index: '', text: '' }, 0) as never), ...evidenceInspector].flatMap((f) =>
      f.type === 'statusStamp' ? [] : [[f.key, f.label] as [string, MessageKey]],
    ),
  ),
]);

/** The name of a card field as the inspector labels it ("Severity", "Evidence"), for lists of changes. */
export const fieldLabel = (key: string): MessageKey | null => FIELD_LABELS.get(key) ?? null;

/** Every CSV column a kind declares, in kind order, then evidence's. */
export const KIND_CSV_COLUMNS: readonly string[] = [...new Set(CARD_KINDS.flatMap((k) => KINDS[k].csv.columns))];
