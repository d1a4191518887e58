// What a card rests on: the evidence field every card kind has (survey, interview, analytics,
// observation, or an assumption still to check) and an optional link to the source. Declared once
// here and joined to every kind by the registry; drawn as a small mark so assumptions stand out.
import * as v from 'valibot';
import { text } from '../records/valid';
import { say, type InspectorField, type Mark, type Words } from './kind';

export const EVIDENCE_SOURCES = ['survey', 'interview', 'analytics', 'observation', 'assumption'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** Absent (not null): nobody said yet what the card rests on, as in every map made before. */
export const evidenceFields = {
  evidence: v.optional(v.picklist(EVIDENCE_SOURCES, 'unknownValue')),
  evidenceLink: v.optional(text),
};

export interface Evidence {
  evidence?: EvidenceSource;
  evidenceLink?: string;
}

const ICON = { survey: 'clipboard', interview: 'mic', analytics: 'chartLine', observation: 'eye', assumption: 'flask' } as const;

/** The card's evidence mark: an assumption stands out (its own tone and words); no mark when not stated. */
export function evidenceMark(card: Evidence): Mark | null {
  if (!card.evidence) return null;
  return { icon: ICON[card.evidence], words: say(`evidence.${card.evidence}`), tone: card.evidence === 'assumption' ? 'assumption' : 'evidence' };
}

/** A link worth opening: http(s) only (a `javascript:` link typed into a card is never made clickable). */
export function evidenceHref(card: Evidence): string | null {
  const link = (card.evidenceLink ?? '').trim();
  return /^https?:\/\/\S+$/i.test(link) ? link : null;
}

export const evidenceInspector: readonly InspectorField[] = [
  {
    type: 'select',
    key: 'evidence',
    label: 'field.evidence',
    options: [{ value: '', words: say('evidence.none') }, ...EVIDENCE_SOURCES.map((s) => ({ value: s, words: say(`evidence.${s}`) }))],
  },
  { type: 'text', key: 'evidenceLink', label: 'field.evidenceLink', inputType: 'url' },
];

export const EVIDENCE_CSV = ['evidence', 'evidence_link'] as const;

/** What a report adds after a card: "assumption to check", or "evidence: survey". */
export function evidenceWords(card: Evidence): Words | null {
  return card.evidence ? say(`evidence.report.${card.evidence}`) : null;
}
