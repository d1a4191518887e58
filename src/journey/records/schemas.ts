// One schema per record of a journey (cards: ./cards, one module per kind). The document's readers
// (src/doc/schema.ts) and the map file's reader (../repair.ts) both check with these; they differ
// only in where ids and order keys come from (a map key / a file field), so those stay outside.
import * as v from 'valibot';
import { LANE_KINDS } from '../types';
import { flag, number, oneOf, optText, text, wholeNumber } from './valid';

export const stageSchema = v.object({ name: optText, goal: optText });

export const laneSchema = v.object({ name: optText, kind: oneOf(LANE_KINDS), collapsed: flag(false) });

export const personaSchema = v.object({ name: optText, picture: optText, goals: optText, needs: optText, frustrations: optText });

/** A link's ends and its label (its key, `${from}->${to}`, is checked by each reader). */
export const linkSchema = v.object({ from: text, to: text, label: optText });

export const emotionSchema = v.object({ score: wholeNumber<-2 | -1 | 0 | 1 | 2>(-2, 2), note: optText });

/** The map's meta as a file has it (the document's meta is read leniently, src/doc/schema.ts). */
export const metaSchema = v.object({
  title: optText,
  scenario: optText,
  variant: oneOf(['current', 'future'] as const, 'current'),
  locale: optText,
  createdAt: number(0, Number.MAX_SAFE_INTEGER, 0),
});
