// `#/generate/SxLxC` (stages x lanes x cards per cell): makes a synthetic map of that size in this
// browser and opens it, for benchmarks and scale tests. Only in development and benchmark builds
// (App.tsx); the production app has no such route.
import { useEffect } from 'react';
import { generateJourney } from '../journey/generate';
import { newId } from '../journey/ids';
import { useMapIndex } from './mapIndex';
import { createStoredMap } from './room';

export function Generate({ size }: { size: [number, number, number] }) {
  const upsert = useMapIndex((s) => s.upsert);
  useEffect(() => {
    const id = newId();
    const journey = generateJourney(...size);
    void createStoredMap(id, journey).then(() => {
      upsert({ id, title: journey.meta.title });
      location.replace(`#/map/${id}`);
    });
  }, [size, upsert]);
  return null;
}
