// Routes: `#/` lists the maps, `#/map/<id>` opens one. Hash routing keeps the server a plain file
// server and lets a later share link carry its key in the fragment.
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../panels/ConfirmDialog';
import { useLocale } from '../i18n';
import { EditorPage } from './EditorPage';
import { Generate } from './Generate';
import { HomePage } from './HomePage';

/** The benchmark route exists in development and in benchmark builds (`vite build --mode bench`,
 * bench/lib/browser.ts) only: the production app lets nobody make a huge map with a link. The
 * condition is known at build time, so production builds leave the route and its code out (a
 * static import, not a chunk of its own: a bench build's chunks are the production build's). */
const BENCH_ROUTES = import.meta.env.DEV || import.meta.env.MODE === 'bench';

type Route = { name: 'home' } | { name: 'map'; id: string; key: string | null } | { name: 'generate'; size: [number, number, number] };

function parse(hash: string): Route {
  // `#/map/<id>?key=<key>`: a share link; the key never leaves the fragment, so never a server log.
  const map = /^#\/map\/([\w-]+)(?:\?key=([^&]+))?/.exec(hash);
  if (map) return { name: 'map', id: map[1]!, key: map[2] ? decodeURIComponent(map[2]) : null };
  // `#/generate/20x10x5`: a synthetic map of that size, for benchmarks and scale tests.
  const gen = BENCH_ROUTES ? /^#\/generate\/(\d{1,3})x(\d{1,2})x(\d{1,2})$/.exec(hash) : null;
  if (gen) return { name: 'generate', size: [Number(gen[1]), Number(gen[2]), Number(gen[3])] };
  return { name: 'home' };
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
      {BENCH_ROUTES && route.name === 'generate' && <Generate size={route.size} />}
      <ConfirmDialog />
    </>
  );
}
