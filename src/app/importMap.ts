// A map file imported as a new map: made by the server (which checks and repairs it again), or in
// this browser only when no server is in reach. Returns the new map's id.
import { parseMapFile } from '../journey/exchange';
import { newId } from '../journey/ids';
import { ApiError, createMapFromFileOnServer } from './api';
import { useMapIndex } from './mapIndex';
import { createStoredMap } from './room';

export async function importAsNewMap(file: unknown): Promise<string> {
  const read = parseMapFile(JSON.stringify(file));
  if (!read.ok) throw new Error(read.error.message);
  const { meta } = read.journey;
  try {
    const made = await createMapFromFileOnServer(file);
    useMapIndex.getState().upsert({ id: made.id, title: meta.title, variant: meta.variant, key: made.editKey, role: 'edit', viewKey: made.viewKey });
    return made.id;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 0) throw error;
    const id = newId();
    await createStoredMap(id, read.journey);
    useMapIndex.getState().upsert({ id, title: meta.title, variant: meta.variant });
    return id;
  }
}
