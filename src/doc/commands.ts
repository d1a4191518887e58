// Every local change to a map is one of these named commands: one `doc.transact(fn, LOCAL)` each,
// so each is one undo step. Commands read what they need from the Y.Doc itself (never from the
// store), so they stay correct under concurrent remote edits.
import * as Y from 'yjs';
import { placeLane, zoneRange, type LanePlacement } from '../journey/blueprint';
import { emotionKey } from '../journey/emotions';
import { newId } from '../journey/ids';
import { CLEARABLE_CARD_FIELDS, cardKindForLane, checkCardPatch, defaultCard, isLoopKind } from '../journey/cards';
import { describeIssue } from '../journey/records/valid';
import { keyAt, keysAt, sortByIndex, type Ordered } from '../journey/order';
import { diffText, type TextEdit } from '../journey/text';
import type { Card, CardFields, EmotionScore, Journey, Lane, LaneKind, Meta, Persona, Stage } from '../journey/types';
import type { ClipboardPayload } from '../journey/clipboard';
import { wellFormed } from '../journey/wellFormed';
import { LOCAL } from './origins';
import {
  linkId,
  readCard,
  readLane,
  readLink,
  readPersona,
  readStage,
  roots,
  writeCard,
  writeEmotion,
  writeLane,
  writeLink,
  writeMeta,
  writePersona,
  writeStage,
  entity,
  readAll,
  writeEntities,
  type Roots,
} from './schema';

function transact<T>(doc: Y.Doc, fn: (r: Roots) => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn(roots(doc));
  }, LOCAL);
  return result;
}

const sortedStages = (r: Roots) => sortByIndex(readAll(r.stages, readStage));
const sortedLanes = (r: Roots) => sortByIndex(readAll(r.lanes, readLane));
/** A cell's cards in order. Only the cell's own cards are read in full (a drop on a 1,000-card map
 * read and checked every card of the map). */
function cellCards(r: Roots, stageId: string, laneId: string, except?: ReadonlySet<string>): Card[] {
  const cards: Card[] = [];
  r.cards.forEach((value, id) => {
    if (except?.has(id) || !(value instanceof Y.Map) || value.get('stageId') !== stageId || value.get('laneId') !== laneId) return;
    const card = readCard(id, value);
    if (card.ok) cards.push(card.value);
  });
  return sortByIndex(cards);
}

/** Sets the given fields of an entity; fields left undefined in the patch are kept. */
function patchEntity(map: Y.Map<unknown>, id: string, patch: object): void {
  const m = entity(map, id);
  if (m) for (const [k, v] of Object.entries(patch)) if (v !== undefined) m.set(k, v);
}

function setIndex(map: Y.Map<unknown>, id: string, index: string): void {
  entity(map, id)?.set('index', index);
}

function reposition(map: Y.Map<unknown>, sorted: Ordered[], id: string, position: number): void {
  const others = sorted.filter((s) => s.id !== id);
  setIndex(map, id, keyAt(others, position));
}

// ---- map --------------------------------------------------------------------------------------

export function updateMeta(doc: Y.Doc, patch: Partial<Pick<Meta, 'title' | 'scenario' | 'variant' | 'locale'>>): void {
  transact(doc, (r) => writeMeta(r, patch));
}

/** Writes a whole journey into an empty document (templates, copies). */
export function writeJourney(doc: Y.Doc, journey: Journey, origin: unknown): void {
  doc.transact(() => {
    const r = roots(doc);
    writeMeta(r, journey.meta);
    writeEntities(r, journey);
  }, origin);
}

// ---- stages -----------------------------------------------------------------------------------

export function addStage(doc: Y.Doc, name: string, position?: number): string {
  return transact(doc, (r) => {
    const sorted = sortedStages(r);
    const stage: Stage = { id: newId(), name, goal: '', index: keyAt(sorted, position ?? sorted.length) };
    writeStage(r, stage);
    return stage.id;
  });
}

export function updateStage(doc: Y.Doc, id: string, patch: Partial<Pick<Stage, 'name' | 'goal'>>): void {
  transact(doc, (r) => patchEntity(r.stages, id, patch));
}

export function moveStage(doc: Y.Doc, id: string, position: number): void {
  transact(doc, (r) => reposition(r.stages, sortedStages(r), id, position));
}

/** Deletes a stage with its cards, their links and the stage's emotion points. */
export function deleteStage(doc: Y.Doc, id: string): void {
  transact(doc, (r) => {
    r.stages.delete(id);
    const doomed = readAll(r.cards, readCard).filter((c) => c.stageId === id).map((c) => c.id);
    removeCards(r, doomed);
    for (const key of [...r.emotions.keys()]) if (key === id || key.startsWith(`${id}:`)) r.emotions.delete(key);
  });
}

// ---- lanes ------------------------------------------------------------------------------------

/** Adds a lane of a kind in its blueprint zone: at `position` when that keeps the zones in order, else at the nearest place that does; without one, at the end of its zone. */
export function addLane(doc: Y.Doc, kind: LaneKind, name: string, position?: number): string {
  return transact(doc, (r) => {
    const sorted = sortedLanes(r);
    const at = placeLane(sorted, kind, position ?? zoneRange(sorted, kind).to).position;
    const lane: Lane = { id: newId(), name, kind, index: keyAt(sorted, at), collapsed: false };
    writeLane(r, lane);
    return lane.id;
  });
}

export function updateLane(doc: Y.Doc, id: string, patch: Partial<Pick<Lane, 'name' | 'collapsed'>>): void {
  transact(doc, (r) => patchEntity(r.lanes, id, patch));
}

/**
 * Moves a lane to `position` among the others, kept in its blueprint zone: a move across a line stops
 * at it (and writes nothing when the lane is there already). Says where the lane went and the line
 * that kept it, for the interface to announce; null when the lane is gone.
 */
export function moveLane(doc: Y.Doc, id: string, position: number): LanePlacement | null {
  return transact(doc, (r) => {
    const sorted = sortedLanes(r);
    const at = sorted.findIndex((l) => l.id === id);
    if (at < 0) return null;
    const placed = placeLane(sorted.filter((l) => l.id !== id), sorted[at]!.kind, position);
    if (placed.position !== at) reposition(r.lanes, sorted, id, placed.position);
    return placed;
  });
}

export function deleteLane(doc: Y.Doc, id: string): void {
  transact(doc, (r) => {
    r.lanes.delete(id);
    removeCards(r, readAll(r.cards, readCard).filter((c) => c.laneId === id).map((c) => c.id));
  });
}

// ---- cards ------------------------------------------------------------------------------------

export function addCard(doc: Y.Doc, stageId: string, laneId: string, options: { position?: number; text?: string } = {}): string | null {
  return transact(doc, (r) => {
    const lane = readLane(laneId, r.lanes.get(laneId));
    if (!lane.ok || !r.stages.has(stageId)) return null;
    const kind = cardKindForLane(lane.value.kind);
    if (!kind) return null;
    const sorted = cellCards(r, stageId, laneId);
    const base = { id: newId(), stageId, laneId, index: keyAt(sorted, options.position ?? sorted.length), text: options.text ?? '' };
    writeCard(r, defaultCard(kind, base, Date.now()));
    return base.id;
  });
}

/** A card's shared text, for the field that edits it (src/doc/textBinding.ts). */
export function cardText(doc: Y.Doc, id: string): Y.Text | undefined {
  const yText = entity(roots(doc).cards, id)?.get('text');
  return yText instanceof Y.Text ? yText : undefined;
}

/** One keystroke's worth of change to a card's text, at the place it was made (typing together). */
export function editCardText(doc: Y.Doc, id: string, edit: TextEdit): void {
  transact(doc, () => {
    const yText = cardText(doc, id);
    if (!yText) return;
    const index = Math.max(0, Math.min(edit.index, yText.length));
    const remove = Math.max(0, Math.min(edit.remove, yText.length - index));
    if (remove) yText.delete(index, remove);
    if (edit.insert) yText.insert(index, wellFormed(edit.insert));
  });
}

/** Replaces a card's whole text, as the smallest edit (scripts, tests, imports of one field). */
export function setCardText(doc: Y.Doc, id: string, text: string): void {
  const yText = cardText(doc, id);
  const edit = yText && diffText(yText.toString(), wellFormed(text));
  if (edit) editCardText(doc, id, edit);
}

/**
 * Sets kind-specific fields. A change of a loop's status or owner (a gap's or an opportunity's)
 * stamps when it changed and who changed it (`by`, the person's display name), so the loop can be
 * followed: a gap handed to another department is news as much as one marked done.
 */
export function updateCard(doc: Y.Doc, id: string, patch: CardFields, by = ''): boolean {
  let written = false;
  transact(doc, (r) => {
    const m = entity(r.cards, id);
    const card = m && readCard(id, m);
    if (!m || !card?.ok) return;
    const kind = card.value.kind;
    const { statusChangedAt: _at, statusChangedBy: _by, ...fields } = patch;
    const cleared = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] === null && CLEARABLE_CARD_FIELDS.has(k));
    const set = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && !cleared.includes(k)));
    // Only the kind's own fields, each of its type: a wrong value would make the card unreadable later.
    const problem = checkCardPatch(kind, set);
    if (problem) {
      console.warn(`updateCard ${id}: ${describeIssue(problem)}`);
      return;
    }
    const loopChanged = (set.status !== undefined && set.status !== m.get('status')) || (set.owner !== undefined && set.owner !== m.get('owner'));
    for (const [k, v] of Object.entries(set)) m.set(k, v);
    for (const k of cleared) m.delete(k);
    if (loopChanged && isLoopKind(kind)) {
      m.set('statusChangedAt', Date.now());
      m.set('statusChangedBy', by);
    }
    written = true;
  });
  return written;
}

/** Moves cards, in the given order, into one cell at `position` (counted without the moved cards). */
export function moveCards(doc: Y.Doc, ids: readonly string[], stageId: string, laneId: string, position: number): void {
  transact(doc, (r) => {
    const lane = readLane(laneId, r.lanes.get(laneId));
    // Lanes that hold no cards (the emotional curve) would hide a card dropped there: refuse.
    if (!r.stages.has(stageId) || !lane.ok || !cardKindForLane(lane.value.kind)) return;
    const moving = ids.filter((id) => r.cards.has(id));
    const keys = keysAt(cellCards(r, stageId, laneId, new Set(moving)), position, moving.length);
    moving.forEach((id, i) => {
      const m = entity(r.cards, id)!;
      if (m.get('stageId') !== stageId) m.set('stageId', stageId);
      if (m.get('laneId') !== laneId) m.set('laneId', laneId);
      m.set('index', keys[i]!);
    });
  });
}

/** Copies cards right after their originals; returns the new ids in the same order. */
export function duplicateCards(doc: Y.Doc, ids: readonly string[]): string[] {
  return transact(doc, (r) => {
    const created: string[] = [];
    for (const id of ids) {
      const card = readCard(id, entity(r.cards, id));
      if (!card.ok) continue;
      const cell = cellCards(r, card.value.stageId, card.value.laneId);
      const at = cell.findIndex((c) => c.id === id);
      const copy = { ...card.value, id: newId(), index: keyAt(cell, at + 1) };
      writeCard(r, copy);
      created.push(copy.id);
    }
    return created;
  });
}

function removeCards(r: Roots, ids: readonly string[]): void {
  if (!ids.length) return;
  const doomed = new Set(ids);
  for (const id of ids) r.cards.delete(id);
  r.links.forEach((v, key) => {
    const link = readLink(key, v);
    if (link.ok && (doomed.has(link.value.from) || doomed.has(link.value.to))) r.links.delete(key);
  });
}

/** Deletes cards together with every link that starts or ends at one of them. */
export function deleteCards(doc: Y.Doc, ids: readonly string[]): void {
  transact(doc, (r) => removeCards(r, ids));
}

/**
 * Pastes copied cards. With a target (the cell of the selected card) they go to its stage: into
 * its cell at `position` when that lane makes their kind, else into a lane that does (so a
 * touchpoint keeps its channel), else into the target cell as that lane's kind. Without a target,
 * each goes to its original cell when this map has it, else to the stage at the same position and a
 * lane of the same kind. Links among the pasted cards come along.
 */
export function pasteCards(doc: Y.Doc, payload: ClipboardPayload, target: { stageId: string; laneId: string; position: number } | null): string[] {
  return transact(doc, (r) => {
    const stages = sortedStages(r);
    const lanes = sortedLanes(r).filter((l) => cardKindForLane(l.kind));
    const useTarget = !!target && r.stages.has(target.stageId) && lanes.some((l) => l.id === target.laneId);
    const newIds = new Map<string, string>();
    const byCell = new Map<string, Card[]>();
    for (const item of payload.cards) {
      const stageId = useTarget
        ? target.stageId
        : r.stages.has(item.card.stageId)
          ? item.card.stageId
          : (stages[item.stagePosition] ?? stages[stages.length - 1])?.id;
      // A lane that makes this card's kind keeps its fields: prefer it over a lane that would convert it.
      const sameKind = lanes.find((l) => l.kind === item.laneKind) ?? lanes.find((l) => cardKindForLane(l.kind) === item.card.kind);
      const targetFits = useTarget && cardKindForLane(lanes.find((l) => l.id === target.laneId)!.kind) === item.card.kind;
      const laneId = targetFits
        ? target!.laneId
        : !useTarget && lanes.some((l) => l.id === item.card.laneId)
          ? item.card.laneId
          : (sameKind ?? (useTarget ? lanes.find((l) => l.id === target.laneId) : lanes[0]))?.id;
      const laneKind = lanes.find((l) => l.id === laneId)?.kind;
      const kind = laneKind ? cardKindForLane(laneKind) : null;
      if (!stageId || !laneId || !kind) continue;
      const base = { id: newId(), stageId, laneId, index: '', text: String(item.card.text) };
      // Fields of another kind are dropped, not smuggled in.
      const card = (kind === item.card.kind ? { ...defaultCard(kind, base, Date.now()), ...item.card, ...base } : defaultCard(kind, base, Date.now())) as Card;
      newIds.set(item.card.id, card.id);
      const key = `${stageId}|${laneId}`;
      byCell.set(key, [...(byCell.get(key) ?? []), card]);
    }
    for (const cards of byCell.values()) {
      const inTarget = useTarget && cards[0]!.stageId === target.stageId && cards[0]!.laneId === target.laneId;
      const position = inTarget ? target.position : Number.MAX_SAFE_INTEGER;
      const keys = keysAt(cellCards(r, cards[0]!.stageId, cards[0]!.laneId), position, cards.length);
      cards.forEach((card, i) => {
        writeCard(r, { ...card, index: keys[i]! });
        if (!readCard(card.id, r.cards.get(card.id)).ok) writeCard(r, { ...defaultCard(card.kind, card, Date.now()), index: keys[i]! });
      });
    }
    for (const link of payload.links) {
      const from = newIds.get(link.from);
      const to = newIds.get(link.to);
      if (from && to) writeLink(r, { id: linkId(from, to), from, to, label: link.label });
    }
    return [...newIds.values()];
  });
}

// ---- links ------------------------------------------------------------------------------------

export function addLink(doc: Y.Doc, from: string, to: string, label = ''): string | null {
  if (from === to) return null;
  return transact(doc, (r) => {
    if (!r.cards.has(from) || !r.cards.has(to)) return null;
    const id = linkId(from, to);
    if (!r.links.has(id)) writeLink(r, { id, from, to, label });
    return id;
  });
}

export function setLinkLabel(doc: Y.Doc, id: string, label: string): void {
  transact(doc, (r) => {
    const link = readLink(id, r.links.get(id));
    if (link.ok) writeLink(r, { ...link.value, label });
  });
}

export function deleteLinks(doc: Y.Doc, ids: readonly string[]): void {
  transact(doc, (r) => ids.forEach((id) => r.links.delete(id)));
}

// ---- emotions ---------------------------------------------------------------------------------

export function setEmotion(doc: Y.Doc, stageId: string, personaId: string | null, score: EmotionScore, note?: string): void {
  transact(doc, (r) => {
    const key = emotionKey(stageId, personaId);
    const prev = r.emotions.get(key) as { note?: unknown } | undefined;
    const keptNote = typeof prev?.note === 'string' ? prev.note : '';
    writeEmotion(r, { key, stageId, personaId, score, note: note ?? keptNote });
  });
}

export function clearEmotion(doc: Y.Doc, stageId: string, personaId: string | null): void {
  transact(doc, (r) => r.emotions.delete(emotionKey(stageId, personaId)));
}

// ---- personas ---------------------------------------------------------------------------------

export function addPersona(doc: Y.Doc, name: string, picture: string): string {
  return transact(doc, (r) => {
    const sorted = sortByIndex(readAll(r.personas, readPersona));
    const persona: Persona = { id: newId(), name, picture, goals: '', needs: '', frustrations: '', index: keyAt(sorted, sorted.length) };
    writePersona(r, persona);
    return persona.id;
  });
}

export function updatePersona(doc: Y.Doc, id: string, patch: Partial<Omit<Persona, 'id' | 'index'>>): void {
  transact(doc, (r) => patchEntity(r.personas, id, patch));
}

/** Deletes a persona and its emotional curve. */
export function deletePersona(doc: Y.Doc, id: string): void {
  transact(doc, (r) => {
    r.personas.delete(id);
    for (const key of [...r.emotions.keys()]) if (key.endsWith(`:${id}`)) r.emotions.delete(key);
  });
}
