// The templates a new map can start from, by id: what the home page lists and the server accepts.
// Their content (templates.ts) and its words load only when a map is made.
export const TEMPLATE_IDS = ['blank', 'currentJourney', 'serviceBlueprint', 'futureJourney'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
