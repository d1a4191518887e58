// English words of what loads when opened: panels (comments, history, compare, workshop, share,
// loops, persona, presenting), the survey and CSV imports and the exports. Not in the first load:
// catalogue.ts's loadLaterMessages brings them; the keys are en.ts's MessageKey too.
export const enLater = {} as const;
