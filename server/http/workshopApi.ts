// The HTTP routes of workshop facilitation (docs/api.md, "Workshop"): /api/maps/:id/votes… and
// /api/maps/:id/rounds…. api.ts has checked the edit key before handing over; this file matches the
// route, reads the X-Participant secret and the body, opens the map's live document and calls server/workshop.ts.
import { isParticipantSecret, participantIdOf } from '../../src/journey/participant';
import type { Rooms } from '../rooms/rooms';
import type { DocStore } from '../store/DocStore';
import { HttpError, refuseNewerMap } from './guards';
import { bodySpec, NO_BODY, type BodyOf, type BodySpec } from './jsonBody';
import {
  ballotRequest,
  closeVote,
  deletePrivateCard,
  getBallot,
  ID,
  listPrivateCards,
  MAX_CARD_TEXT,
  MAX_ROUND_MS,
  MAX_VOTES_PER_PERSON,
  MIN_ROUND_MS,
  openRound,
  openVote,
  privateCardRequest,
  putBallot,
  putPrivateCard,
  revealRound,
  roundRequest,
  voteRequest,
  WorkshopError,
  type Workshop,
} from '../workshop';

export interface WorkshopRequest {
  /** HEAD comes as GET. */
  method: string;
  /** The path after /api/maps/:id, split: ['votes'], ['votes', voteId, 'ballot'], … */
  path: string[];
  /** The X-Participant header as Node gives it. */
  participant: string | string[] | undefined;
  /** Reads the JSON body as the route's schema has it (api.ts's readBody: its size limit; NO_BODY for none). */
  body<B extends BodySpec>(spec: B): Promise<BodyOf<B>>;
}

/** What to answer: a status and a JSON body (none for 204). */
export interface WorkshopAnswer {
  status: number;
  body?: unknown;
}

type Body = WorkshopRequest['body'];
type Route = (w: Workshop, body: Body) => Promise<WorkshopAnswer>;

// Each body (docs/api.md, "Workshop"): its schema (server/workshop.ts, beside the limits it uses) and
// the sentences a bad field is refused with.
const idsRefusal = (field: string) => () => `"${field}" must be a list of ids.`;
export const VOTE_BODY = bodySpec(voteRequest, {
  laneIds: idsRefusal('laneIds'),
  stageIds: idsRefusal('stageIds'),
  votesPerPerson: () => `"votesPerPerson" must be a whole number from 1 to ${MAX_VOTES_PER_PERSON}.`,
  allowMultiple: () => '"allowMultiple" must be true or false.',
});
export const BALLOT_BODY = bodySpec(ballotRequest, { cards: () => '"cards" must be a list of card ids.' });
export const ROUND_BODY = bodySpec(roundRequest, {
  durationMs: () => `"durationMs" must be a number of milliseconds from ${MIN_ROUND_MS} (10 seconds) to ${MAX_ROUND_MS} (2 hours).`,
});
export const CARD_BODY = bodySpec(privateCardRequest, {
  stageId: () => '"stageId" must be the id of a stage.',
  laneId: () => '"laneId" must be the id of a lane.',
  text: ({ issue }) =>
    issue.reason === 'tooLong' ? { error: `"text" must be at most ${MAX_CARD_TEXT} characters.`, code: 'textTooLong', params: { max: MAX_CARD_TEXT } } : '"text" must be text.',
});

/** The route for a method and path, or a 404/405 refusal. */
function route(method: string, path: string[]): Route {
  const [root, itemId, action, cardId, ...rest] = path;
  const item = itemId ?? '';
  if (rest.length || (itemId !== undefined && !ID.test(itemId))) throw new WorkshopError(404, 'No such endpoint.');
  const wrongMethod = (...allowed: string[]) => new HttpError(405, 'Method not allowed here.', {}, { allow: allowed.join(', ') });
  if (root === 'votes' && itemId === undefined) {
    if (method !== 'POST') throw wrongMethod('POST');
    return async (w, body) => ({ status: 201, body: await openVote(w, await body(VOTE_BODY)) });
  }
  if (root === 'votes' && action === 'ballot' && cardId === undefined) {
    if (method === 'PUT') return async (w, body) => ({ status: 200, body: await putBallot(w, item, await body(BALLOT_BODY)) });
    if (method === 'GET') return async (w) => ({ status: 200, body: await getBallot(w, item) });
    throw wrongMethod('GET', 'HEAD', 'PUT');
  }
  if (root === 'votes' && action === 'close' && cardId === undefined) {
    if (method !== 'POST') throw wrongMethod('POST');
    return async (w, body) => {
      await body(NO_BODY);
      return { status: 200, body: await closeVote(w, item) };
    };
  }
  if (root === 'rounds' && itemId === undefined) {
    if (method !== 'POST') throw wrongMethod('POST');
    return async (w, body) => ({ status: 201, body: await openRound(w, await body(ROUND_BODY)) });
  }
  if (root === 'rounds' && action === 'cards' && cardId === undefined) {
    if (method !== 'GET') throw wrongMethod('GET', 'HEAD');
    return async (w) => ({ status: 200, body: await listPrivateCards(w, item) });
  }
  if (root === 'rounds' && action === 'cards' && cardId !== undefined) {
    if (method === 'PUT') return async (w, body) => ({ status: 200, body: await putPrivateCard(w, item, cardId, await body(CARD_BODY)) });
    if (method === 'DELETE')
      return async (w, body) => {
        await body(NO_BODY);
        await deletePrivateCard(w, item, cardId);
        return { status: 204 };
      };
    throw wrongMethod('PUT', 'DELETE');
  }
  if (root === 'rounds' && action === 'reveal' && cardId === undefined) {
    if (method !== 'POST') throw wrongMethod('POST');
    return async (w, body) => {
      await body(NO_BODY);
      return { status: 200, body: await revealRound(w, item) };
    };
  }
  throw new WorkshopError(404, 'No such endpoint.');
}

export async function handleWorkshopApi(ctx: { store: DocStore; rooms: Rooms }, mapId: string, request: WorkshopRequest): Promise<WorkshopAnswer> {
  const handler = route(request.method, request.path);
  const secret = request.participant;
  if (secret === undefined) throw new WorkshopError(400, 'Send your participant secret in the X-Participant header.', 'noParticipant');
  if (!isParticipantSecret(secret)) throw new WorkshopError(400, 'The X-Participant header must be one participant secret: 16 to 64 characters of A-Z, a-z, 0-9, "-" and "_".', 'badParticipant');
  const participantId = participantIdOf(secret);
  const room = await ctx.rooms.open(mapId);
  try {
    if (request.method !== 'GET') refuseNewerMap(room);
    return await handler({ store: ctx.store, mapId, doc: room.doc, participantId }, request.body);
  } finally {
    ctx.rooms.left(room);
  }
}
