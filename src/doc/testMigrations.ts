// A migration beyond the current version, for tests only (not shipped): a real change of shape, so
// that the tests of migrations (src/doc, server/migrations.test.ts, e2e/versions.spec.ts) can see
// an old client's shape refused, converted on the server, and converted again when it comes late.
import { SCHEMA_VERSION } from '../journey/types';
import { MIGRATIONS, type Migration } from './migrations';
import { entity, type Roots } from './schema';

/** The card's `stageId` under its new name `stage`. Only a client that knows no `stage` writes
 * `stageId`, so when both are there `stageId` is the newer word (an old client moved the card). */
function renameStage(r: Roots, id: string): void {
  const card = entity(r.cards, id);
  if (!card?.has('stageId')) return;
  card.set('stage', card.get('stageId'));
  card.delete('stageId');
}

export const STAGE_RENAMED: Migration = {
  version: SCHEMA_VERSION + 1,
  name: 'cards name their stage "stage" (a test migration)',
  up: (r) => r.cards.forEach((_, id) => renameStage(r, id)),
  upRecord: (r, root, key) => {
    if (root === 'cards') renameStage(r, key);
  },
};

/** What a server one version ahead of this code migrates with. */
export const NEXT_MIGRATIONS: readonly Migration[] = [...MIGRATIONS, STAGE_RENAMED];
