// Why the server refused a request (docs/api.md, "Errors"). Every JSON error of the HTTP API carries
// a stable `code` and its `params` beside the English `error` sentence for people calling the API;
// the browser says the code in the reader's language (`api.error.<code>` in the catalogues), so an
// Italian workshop never reads the server's English. Shared by the server (which sends the codes)
// and the browser (which reads them); no React.
import type { Params } from './catalogue';

export const REFUSAL_CODES = [
  // Any refusal of its status that has no more precise code.
  'badRequest',
  'unauthorized',
  'forbidden',
  'notFound',
  'methodNotAllowed',
  'conflict',
  'tooLarge',
  'notJson',
  'tooMany',
  'serverError',
  'unavailable',
  'full',
  // Requests and bodies.
  'badJson',
  'notObject',
  'tooDeep',
  'unknownFields',
  'badField',
  'crossSite',
  'restarting',
  'damagedMap',
  // Maps.
  'unknownMapOrKey',
  'needsEditKey',
  'tooManyMaps',
  'serverFull',
  'unknownTemplate',
  'unknownLocale',
  'fileWithTemplate',
  'badMapFile',
  // Survey answers.
  'tooManyAnswers',
  'badAnswer',
  // Workshop.
  'noParticipant',
  'badParticipant',
  'noFacilitator',
  'notFacilitator',
  'noSuchVote',
  'noLanes',
  'unknownLane',
  'unknownStage',
  'voteOpen',
  'voteClosed',
  'tooManyVotes',
  'oneVotePerCard',
  'cardNotInVote',
  'noSuchRound',
  'roundOpen',
  'roundRevealed',
  'notYourCard',
  'otherRound',
  'tooManyPrivateCards',
  'textTooLong',
  // Versions.
  'newerMap',
  'unknownVersion',
  'tooManyVersions',
  'noSource',
  // Comments.
  'cannotComment',
  'notYours',
  'noSuchThread',
  'noSuchComment',
  'commentIdTaken',
  'tooManyThreads',
  'tooManyComments',
  'tooManyCommentsOnMap',
  'commentTooLong',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A refusal as the browser reads it from an error body. */
export interface Refusal {
  code: RefusalCode;
  params: Params;
}

/** The code a refusal of `status` has when nothing more precise is known. */
export function codeOfStatus(status: number): RefusalCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 405:
      return 'methodNotAllowed';
    case 409:
      return 'conflict';
    case 413:
      return 'tooLarge';
    case 415:
      return 'notJson';
    case 429:
      return 'tooMany';
    case 503:
      return 'unavailable';
    case 507:
      return 'full';
    default:
      return status >= 500 ? 'serverError' : 'badRequest';
  }
}

const isCode = (value: unknown): value is RefusalCode => typeof value === 'string' && (REFUSAL_CODES as readonly string[]).includes(value);

/**
 * The refusal an error body names (`{error, code, params}`), or the one its status implies when the
 * body has no code this browser knows (an older or newer server). Params other than text and numbers
 * are dropped: they would be shown.
 */
export function readRefusal(status: number, body: unknown): Refusal {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const params: Params = {};
  if (typeof b.params === 'object' && b.params !== null)
    for (const [k, v] of Object.entries(b.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  return isCode(b.code) ? { code: b.code, params } : { code: codeOfStatus(status), params: {} };
}

/** The refusal an error carries (`error.refusal`, as the browser's request errors have it), if any. */
export function refusalOf(error: unknown): Refusal | undefined {
  const refusal = typeof error === 'object' && error !== null ? (error as { refusal?: unknown }).refusal : undefined;
  if (typeof refusal !== 'object' || refusal === null) return undefined;
  const { code, params } = refusal as { code?: unknown; params?: unknown };
  return isCode(code) ? readRefusal(0, { code, params }) : undefined;
}
