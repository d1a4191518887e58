// A map file imported as a new map: made by the server (which checks and repairs it again, and
// writes the file's survey figures into the map: server/seed.ts), or in this browser only when no
// server is in reach (with the survey figures too). Returns the new map's id.
import { parseMapFile } from '../journey/exchange';
import { withSurvey } from '../panels/mapFile';
import { newId } from '../journey/ids';
import { ApiError, createMapFromFileOnServer } from './api';
import { useMapIndex } from './mapIndex';
import { createStoredMap } from './room';

export async function importAsNewMap(file: unknown): Promise<string> {
  const read = await withSurvey(parseMapFile(JSON.stringify(file)));
  if (!read.ok) throw new Error(read.error.message);
  const { meta } = read.journey;
  try {
    const made = await createMapFromFileOnServer(file);
    useMapIndex.getState().upsert({ id: made.id, title: meta.title, variant: meta.variant, key: made.editKey, role: 'edit', viewKey: made.viewKey });
    return made.id;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 0) throw error;
    const id = newId();
    await createStoredMap(id, read.journey, read.survey);
    useMapIndex.getState().upsert({ id, title: meta.title, variant: meta.variant });
    return id;
  }
}
