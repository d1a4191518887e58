// The editor route: opens the map's Room, provides it to the canvas and panels, and handles the
// editor-wide shortcuts (undo, redo, help).
import { useEffect, useMemo, useState } from 'react';
import { EditorContext, useSession } from '../store/context';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { Inspector } from '../panels/Inspector';
import { MapHeader } from '../panels/MapHeader';
import { PersonaPanel } from '../panels/PersonaPanel';
import { ShortcutsDialog } from '../panels/ShortcutsDialog';
import { Toolbar } from '../panels/Toolbar';
import { UnreadableNotice } from '../panels/UnreadableNotice';
import { useT } from '../i18n';
import { useMapIndex } from './mapIndex';
import { openRoom, type Room } from './room';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

function SidePanel() {
  const panel = useSession((s) => s.panel);
  if (panel === 'inspector') return <Inspector />;
  if (panel === 'personas') return <PersonaPanel />;
  return null;
}

function Editor({ room, onHome }: { room: Room; onHome(): void }) {
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) room.actions.redo();
        else room.actions.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        room.actions.redo();
      } else if (mod && key === 'd') {
        // Also when the selection came from a box and no card has focus; never the bookmark dialog.
        e.preventDefault();
        const { selection } = room.store.getState().session;
        if (selection.length) room.store.getState().setSession({ selection: room.actions.duplicateCards(selection) });
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        const { session, setSession } = room.store.getState();
        if (session.selection.length) {
          e.preventDefault();
          room.actions.deleteCards(session.selection);
          setSession({ selection: [] });
        }
      } else if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [room]);
  return (
    <div className="editor">
      <Toolbar onHome={onHome} onShortcuts={() => setHelp(true)} />
      <MapHeader />
      <UnreadableNotice />
      <div className="editor-body">
        <JourneyCanvas />
        <SidePanel />
      </div>
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}

export function EditorPage({ id, onHome }: { id: string; onHome(): void }) {
  const t = useT();
  const known = useMapIndex((s) => s.maps.some((m) => m.id === id));
  const upsert = useMapIndex((s) => s.upsert);
  const [room, setRoom] = useState<Room | null>(null);
  // The room lives exactly as long as this effect: opened on mount, destroyed on unmount.
  useEffect(() => {
    if (!known) return;
    const opened = openRoom(id);
    let alive = true;
    void opened.ready.then(() => alive && setRoom(opened));
    const off = opened.onMetaChange((meta) => upsert({ id, title: meta.title, variant: meta.variant }));
    return () => {
      alive = false;
      off();
      opened.destroy();
      setRoom(null);
    };
  }, [id, known, upsert]);
  const editor = useMemo(() => (room ? { store: room.store, actions: room.actions } : null), [room]);
  if (!known) {
    return (
      <main className="home">
        <p className="notice error" role="alert">
          {t('editor.notFound')}
        </p>
        <button type="button" className="btn" onClick={onHome}>
          ← {t('toolbar.maps')}
        </button>
      </main>
    );
  }
  if (!room || !editor) return <p className="loading">{t('editor.loading')}</p>;
  return (
    <EditorContext.Provider value={editor}>
      <Editor room={room} onHome={onHome} />
    </EditorContext.Provider>
  );
}
