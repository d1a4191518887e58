// Transaction origins. Only LOCAL is undoable: seeding and migrations use SEED, remote updates
// arrive with the provider's own origin.
export const LOCAL = Symbol('touchpoint.local');
export const SEED = Symbol('touchpoint.seed');
