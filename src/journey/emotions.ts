// The emotional curve: one score per stage, per persona when the map has personas.
import type { Emotion, EmotionScore, Journey, Persona } from './types';
import { sortByIndex } from './order';

export const EMOTION_SCORES: readonly EmotionScore[] = [-2, -1, 0, 1, 2];
export const FACES: Record<EmotionScore, string> = { [-2]: '😫', [-1]: '🙁', 0: '😐', 1: '🙂', 2: '😄' };

export function emotionKey(stageId: string, personaId: string | null): string {
  return personaId ? `${stageId}:${personaId}` : stageId;
}

export function parseEmotionKey(key: string): { stageId: string; personaId: string | null } {
  const at = key.indexOf(':');
  return at < 0 ? { stageId: key, personaId: null } : { stageId: key.slice(0, at), personaId: key.slice(at + 1) };
}

export function clampScore(value: number): EmotionScore {
  return Math.max(-2, Math.min(2, Math.round(value))) as EmotionScore;
}

export interface CurveSeries {
  persona: Persona | null;
  /** Per stage in order: the emotion, or undefined where no score was set. */
  points: (Emotion | undefined)[];
}

/** One curve per persona, or a single curve for a map without personas. */
export function curveSeries(journey: Pick<Journey, 'personas' | 'stages' | 'emotions'>): CurveSeries[] {
  const stages = sortByIndex(journey.stages.values());
  const personas = sortByIndex(journey.personas.values());
  const owners: (Persona | null)[] = personas.length ? personas : [null];
  return owners.map((persona) => ({
    persona,
    points: stages.map((s) => journey.emotions.get(emotionKey(s.id, persona?.id ?? null))),
  }));
}
