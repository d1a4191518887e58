// Routes: `#/` lists the maps, `#/map/<id>` opens one. Hash routing keeps the server a plain file
// server and lets a later share link carry its key in the fragment.
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../panels/ConfirmDialog';
import { useLocale } from '../i18n';
import { EditorPage } from './EditorPage';
import { HomePage } from './HomePage';

const parse = (hash: string) => {
  const m = /^#\/map\/([\w-]+)/.exec(hash);
  return m ? { name: 'map' as const, id: m[1]! } : { name: 'home' as const };
};

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
      {route.name === 'map' ? <EditorPage key={route.id} id={route.id} onHome={() => go('#/')} /> : <HomePage onOpen={(id) => go(`#/map/${id}`)} />}
      <ConfirmDialog />
    </>
  );
}
