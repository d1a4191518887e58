// What the workshop panels may ask of the server (src/app/workshopClient.ts implements it): the
// parts of a workshop that must stay hidden until revealed (ballots, silent-round cards) and the
// facilitator's moves the server checks. The document commands (role, spotlight, timer) are actions.
export interface VoteSetup {
  votesPerPerson: number;
  allowMultiple: boolean;
  laneIds: string[];
  /** Empty: every stage. */
  stageIds: string[];
}

/** Why a request failed, for the person: the server's status (0: no connection). */
export { RequestError as WorkshopRequestError } from './requestError';

export interface WorkshopClient {
  /** The server's clock now (this tab's clock plus the measured offset). */
  now(): number;
  openVote(setup: VoteSetup): Promise<void>;
  /** Adds (+1) or takes back (-1) one of this person's dots on a card of the open vote; a refusal
   * puts the dot back and is kept in `session.workshopError` (the workshop bar says it). */
  vote(cardId: string, change: 1 | -1): Promise<void>;
  closeVote(): Promise<void>;
  /** How many people have voted in the open vote so far (a count: never who or what). */
  voters(): Promise<number>;
  /** How many private cards, from how many people, the open round holds so far. */
  roundProgress(): Promise<{ cards: number; writers: number }>;
  openRound(durationMs: number): Promise<void>;
  /** A private card of the open round; kept in this browser until the server has it. */
  addPrivateCard(stageId: string, laneId: string, text: string): void;
  editPrivateCard(id: string, text: string): void;
  removePrivateCard(id: string): void;
  revealRound(): Promise<void>;
}
