// Transaction origins. Only LOCAL is undoable: seeding uses SEED, migrations of the document
// MIGRATION (src/doc/migrations.ts), remote updates arrive with the provider's own origin. WORKSHOP: the facilitator's moves (role, spotlight, timer),
// which are this tab's but must not be undone with its card edits.
export const LOCAL = Symbol('touchpoint.local');
export const SEED = Symbol('touchpoint.seed');
export const WORKSHOP = Symbol('touchpoint.workshop');
/** A migration of the document's shape (migrateDoc, migrateRecords): run by the server, never
 * tracked by any UndoManager (no one may undo a migration and bring back a shape that is gone). */
export const MIGRATION = Symbol('touchpoint.migration');
