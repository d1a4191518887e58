// Routes: `#/` lists the maps, `#/map/<id>` opens one. Hash routing keeps the server a plain file
// server and lets a later share link carry its key in the fragment.
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../panels/ConfirmDialog';
import { useLocale } from '../i18n';
import { EditorPage } from './EditorPage';
import { HomePage } from './HomePage';
import { useMapIndex } from './mapIndex';
import { createStoredMap } from './room';
import { generateJourney } from '../journey/generate';
import { newId } from '../journey/ids';

type Route = { name: 'home' } | { name: 'map'; id: string; key: string | null } | { name: 'generate'; size: [number, number, number] };

function parse(hash: string): Route {
  // `#/map/<id>?key=<key>`: a share link; the key never leaves the fragment, so never a server log.
  const map = /^#\/map\/([\w-]+)(?:\?key=([^&]+))?/.exec(hash);
  if (map) return { name: 'map', id: map[1]!, key: map[2] ? decodeURIComponent(map[2]) : null };
  // `#/generate/20x10x5`: a synthetic map of that size, for benchmarks and scale tests.
  const gen = /^#\/generate\/(\d{1,3})x(\d{1,2})x(\d{1,2})$/.exec(hash);
  if (gen) return { name: 'generate', size: [Number(gen[1]), Number(gen[2]), Number(gen[3])] };
  return { name: 'home' };
}

function Generate({ size }: { size: [number, number, number] }) {
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

export function App() {
  const [route, setRoute] = useState(() => parse(location.hash));
  const locale = useLocale((s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    const onHash = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (hash: string) => {
    location.hash = hash;
  };
  return (
    <>
      {route.name === 'map' && <EditorPage key={route.id} id={route.id} linkKey={route.key} onHome={() => go('#/')} />}
      {route.name === 'home' && <HomePage onOpen={(id) => go(`#/map/${id}`)} />}
      {route.name === 'generate' && <Generate size={route.size} />}
      <ConfirmDialog />
    </>
  );
}
