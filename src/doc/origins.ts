// Transaction origins. Only LOCAL is undoable: seeding and migrations use SEED, remote updates
// arrive with the provider's own origin. WORKSHOP: the facilitator's moves (role, spotlight, timer),
// which are this tab's but must not be undone with its card edits.
export const LOCAL = Symbol('touchpoint.local');
export const SEED = Symbol('touchpoint.seed');
export const WORKSHOP = Symbol('touchpoint.workshop');
