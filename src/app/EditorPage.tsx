// The editor route: opens the map's Room, provides it to the canvas and panels, handles the
// editor-wide shortcuts (undo, redo, help), says why the server closed the connection, and keeps
// who this tab is to the others (its name and colour).
import { withLaterWords } from '../i18n/later';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { EditorContext, usePresence, useReadOnly, useSession } from '../store/context';
import type { ConnectionState } from '../store/store';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { Inspector } from '../panels/Inspector';
import { MapHeader } from '../panels/MapHeader';
import { WorkshopBar } from '../panels/WorkshopBar';
import { ShortcutsDialog } from '../panels/ShortcutsDialog';
import { Toolbar } from '../panels/Toolbar';
import { PresenceBar } from '../panels/PresenceBar';
import { freeColor, pickColor, rememberedName } from '../panels/identity';
import { addResponsesOnServer, keepVersionOnServer, quotesFromServer, roomOrigin, shareLink } from './api';
import { importAsNewMap } from './importMap';
import type { MapEntry } from './mapIndex';
import { UnreadableNotice } from '../panels/UnreadableNotice';
import { OutdatedBanner } from '../panels/OutdatedBanner';
import { ExportStatus } from '../panels/ExportMenu';
import { useExportJobs } from '../export/jobs';
import { useT, type MessageKey, type Translate } from '../i18n';
import { useMapIndex } from './mapIndex';
import { openRoom, type Room } from './room';
import type { HistoryHostProps } from './HistoryHost';
import { ApiError, sharingOf, whatKeyOpens } from './api';
import { Icon } from '../views/Icon';
import { ANNOUNCER_ID } from '../views/announce';

// Naming oneself is asked by nobody now (a click on one's avatar opens it): loaded then.
const NameDialog = lazy(() => withLaterWords(import('../panels/NameDialog')).then((m) => ({ default: m.NameDialog })));
// The outline (the map as lists, for the keyboard and screen readers): loaded when first opened.
const OutlineView = lazy(() => withLaterWords(import('../panels/outline/OutlineView')).then((m) => ({ default: m.OutlineView })));

/** The skip link's target: the outline's heading when it is shown, else the map's first card, or its first "+" (a blank map). */
function skipToMap(e: { preventDefault(): void }) {
  e.preventDefault();
  const target = ['#outline-title', '.react-flow .card[data-card-id]', '.react-flow .cell-add', '.react-flow'].map((s) => document.querySelector<HTMLElement>(s)).find(Boolean);
  if (!target) return;
  if (!target.hasAttribute('tabindex') && !(target instanceof HTMLButtonElement)) target.tabIndex = -1;
  target.focus();
}

// Pictures and print are made by code that most sessions never need: loaded on first use.
const PosterHost = lazy(() => withLaterWords(import('../export/PosterHost')).then((m) => ({ default: m.PosterHost })));

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);


// The facilitator's tools load when the panel first opens: most people on a map never open it.
// Panels and dialogs opened on demand are loaded then, so the editor's first load stays within budget.
const PersonaPanel = lazy(() => withLaterWords(import('../panels/PersonaPanel')).then((m) => ({ default: m.PersonaPanel })));
const PresentPanel = lazy(() => withLaterWords(import('../panels/PresentPanel')).then((m) => ({ default: m.PresentPanel })));
const LoopsPanel = lazy(() => withLaterWords(import('../panels/LoopsPanel')).then((m) => ({ default: m.LoopsPanel })));
const ShareDialog = lazy(() => withLaterWords(import('../panels/ShareDialog')).then((m) => ({ default: m.ShareDialog })));
const WorkshopPanel = lazy(() => withLaterWords(import('../panels/WorkshopPanel')).then((m) => ({ default: m.WorkshopPanel })));
// The comments panel too (the count on cards and the toolbar's button are in the first load).
const CommentsPanel = lazy(() => withLaterWords(import('../panels/CommentsPanel')).then((m) => ({ default: m.CommentsPanel })));
// The version history, and the band that says a version or a comparison is shown: loaded when first needed.
const HistoryPanel = lazy(() => withLaterWords(import('./HistoryHost')).then((m) => ({ default: m.HistoryPanelHost })));
const HistoryBanner = lazy(() => withLaterWords(import('./HistoryHost')).then((m) => ({ default: m.HistoryBannerHost })));
// The department lens's legend, a bar above the canvas: loaded when the lens is first turned on.
const LensLegend = lazy(() => withLaterWords(import('../canvas/LensLegend')).then((m) => ({ default: m.LensLegend })));
function LensBar() {
  const lens = useSession((s) => s.lens === 'department');
  if (!lens) return null;
  return (
    <Suspense fallback={null}>
      <LensLegend />
    </Suspense>
  );
}
function HeatLegend() {
  const t = useT();
  const heat = useSession((s) => s.heat);
  if (!heat) return null;
  return (
    <p className="heat-legend" role="status">
      <span className="heat-scale" aria-hidden /> {t('voc.heatLegend')}
    </p>
  );
}

function SidePanel({ history }: { history: HistoryHostProps }) {
  return (
    <Suspense fallback={null}>
      <OpenPanel history={history} />
    </Suspense>
  );
}

function OpenPanel({ history }: { history: HistoryHostProps }) {
  const panel = useSession((s) => s.panel);
  const presenting = useSession((s) => s.presenting !== null);
  if (presenting) return <PresentPanel />;
  if (panel === 'inspector') return <Inspector />;
  if (panel === 'personas') return <PersonaPanel />;
  if (panel === 'loops') return <LoopsPanel />;
  if (panel === 'workshop') return <WorkshopPanel />;
  if (panel === 'comments') return <CommentsPanel />;
  if (panel === 'history') return <HistoryPanel {...history} />;
  return null;
}

/** Why the server closed this tab's connection, in plain words (docs/api.md, "Close codes"). */
const CLOSE_MESSAGES: Partial<Record<number, MessageKey>> = {
  4400: 'connection.closed.4400',
  4401: 'connection.closed.4401',
  4403: 'connection.forbiddenMessage',
  4404: 'connection.closed.4404',
  4413: 'connection.closed.4413',
  4503: 'connection.closed.4503',
  4507: 'connection.closed.4507',
  4508: 'connection.closed.4508',
  4529: 'connection.closed.4529',
  4427: 'connection.closed.4427',
};

function closeMessage(t: Translate, connection: ConnectionState, code: number | null): string | null {
  // For good: the client stopped. Otherwise it retries, and the reason holds until the next sync.
  if (connection === 'denied') return code !== null && CLOSE_MESSAGES[code] ? t(CLOSE_MESSAGES[code]) : t('connection.closed.other', { code: String(code ?? '?') });
  if (code !== null && connection !== 'local' && CLOSE_MESSAGES[code]) return t(CLOSE_MESSAGES[code]);
  return null;
}

/** One's own avatar before a colour is chosen: the grey the others see for someone without one. */
const UNCHOSEN = '#64748b';

function Editor({ room, entry, onHome }: { room: Room; entry: MapEntry; onHome(): void }) {
  const t = useT();
  const [help, setHelp] = useState(false);
  const [share, setShare] = useState(false);
  const [name, setName] = useState(() => rememberedName());
  const [renaming, setRenaming] = useState(false);
  // Someone who has not named themselves is a numbered guest to the others, never asked first: a
  // view link's reader is never asked at all, an editor may name themselves from the presence bar.
  const guest = t('presence.guestNumbered', { n: room.clientId % 100 });
  const [outline, setOutline] = useState(false);
  const toggleOutline = () => {
    setOutline((open) => !open);
    // Back from the outline: its toggle has the focus, as a dialog gives it back to its opener.
    if (outline) requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-outline-toggle]')?.focus());
  };
  // None until chosen (below): a colour worn before knowing who is here could be someone's already.
  const [color, setColor] = useState<string | null>(null);
  const connection = useSession((s) => s.connection);
  const peers = usePresence((p) => p.peers);
  const deniedCode = useSession((s) => s.deniedCode);
  const serverCannotSave = useSession((s) => s.serverCannotSave);
  // A view link, or a tab whose app is older or newer than the map's document (room.ts): no editing.
  const readOnly = useReadOnly();
  const exporting = useExportJobs((s) => s.job !== null);
  // A version shown instead of the live map, or a comparison drawn on it (the history banner says which).
  const showsOtherState = useSession((s) => s.viewing !== null || s.compare !== null);
  const history = useMemo<HistoryHostProps>(() => ({ mapId: entry.id, mapKey: entry.key ?? null }), [entry.id, entry.key]);
  useEffect(() => {
    const shown = name || guest;
    room.presence(color ? { name: shown, color } : { name: shown });
  }, [room, name, color, guest]);
  // A colour none of the people already here wears, chosen once the server has told who they are
  // (it sends everyone's presence on connecting; a short wait covers an empty map). Those already
  // here keep theirs: the newcomer does the avoiding. Two who chose at the same moment may still
  // meet in one colour: then the one with the larger client id chooses again.
  useEffect(() => {
    if (connection !== 'connected') return;
    const worn = () => [...room.store.getState().presence.peers.values()].map((p) => p.color);
    if (color) {
      // Only while a colour is free: in a room of more people than colours, sharing one is no
      // conflict to resolve (else everyone would keep choosing again).
      const free = freeColor(worn());
      if (free && [...peers.values()].some((p) => p.color === color && p.clientId < room.clientId)) setColor(free);
      return;
    }
    if (peers.size) return setColor(pickColor(worn()));
    const timer = setTimeout(() => setColor(pickColor(worn())), 1000);
    return () => clearTimeout(timer);
  }, [room, connection, peers, color]);
  // Closing the tab with edits the server has not stored yet: ask first (they stay in this browser).
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (!room.hasUnsent()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [room]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (room.store.getState().session.presenting !== null) return; // the presentation has its own keys
      if (readOnly && e.key !== '?') return;
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
        if (selection.length) room.store.session.select(room.actions.duplicateCards(selection));
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        const { session } = room.store.getState();
        if (session.selection.length) {
          e.preventDefault();
          room.actions.deleteCards(session.selection);
          room.store.session.clearSelection();
        }
      } else if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [room, readOnly]);
  const shared = !!entry.key;
  // The owner's sharing settings (the comment link, whether view links may comment): an edit key's.
  const sharing = useMemo(() => (entry.key && (entry.role ?? 'edit') === 'edit' ? sharingOf(entry.id, entry.key) : undefined), [entry.id, entry.key, entry.role]);
  const closeNotice = closeMessage(t, connection, deniedCode);
  // Presenting shows the canvas and the stage's summary only (styles.css, "presenting"); the rest
  // stays mounted, so ending the presentation finds every tool as it was.
  const presenting = useSession((s) => s.presenting !== null);
  // Full screen is asked for while the click that starts presenting is still running (a zustand
  // listener runs inside the action): browsers refuse it later. Refused, the presentation fills the
  // window; the presentation ends it again (PresentPanel). The button that started it has the focus
  // back at the end.
  useEffect(() => {
    let startedFrom: HTMLElement | null = null;
    return room.store.subscribe((s, before) => {
      const now = s.session.presenting !== null;
      if (now === (before.session.presenting !== null)) return;
      if (!now) {
        const back = startedFrom;
        startedFrom = null;
        if (back) requestAnimationFrame(() => back.isConnected && back.focus({ preventScroll: true }));
        return;
      }
      startedFrom = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      const root = document.documentElement;
      if (!document.fullscreenElement && root.requestFullscreen) root.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
    });
  }, [room]);
  return (
    <div className={`editor${readOnly ? ' read-only' : ''}${presenting ? ' presenting' : ''}`}>
      <a className="skip-link" href="#/" onClick={skipToMap}>
        {t('skip.toMap')}
      </a>
      <div id={ANNOUNCER_ID} className="sr-only" role="status" aria-live="polite" />
      <Toolbar
        outline={outline}
        onOutline={toggleOutline}
        onHome={onHome}
        onShortcuts={() => setHelp(true)}
        onImportMap={async (file) => {
          location.hash = `#/map/${await importAsNewMap(file)}`;
        }}
        sendResponses={entry.key && entry.role === 'edit' ? (responses) => addResponsesOnServer(entry.id, entry.key!, responses) : undefined}
        keepVersion={entry.key && entry.role === 'edit' ? () => keepVersionOnServer(entry.id, entry.key!, 'beforeReplace') : undefined}
        loadQuotes={entry.key ? (quarter, per) => quotesFromServer(entry.id, entry.key!, quarter, per) : undefined}
      >
        <PresenceBar me={shared ? { name: name || guest, color: color ?? UNCHOSEN, unnamed: !name } : null} onShare={() => setShare(true)} onRename={() => setRenaming(true)} />
      </Toolbar>
      <MapHeader />
      <WorkshopBar />
      {showsOtherState && (
        <Suspense fallback={null}>
          <HistoryBanner {...history} />
        </Suspense>
      )}
      <OutdatedBanner onReload={() => location.reload()} />
      {closeNotice && (
        <p className={`notice${connection === 'denied' ? ' error' : ''}`} role="alert">
          {closeNotice}
        </p>
      )}
      {serverCannotSave && !readOnly && (
        <p className="notice" role="alert">
          {t('connection.cannotSave')}
        </p>
      )}
      <UnreadableNotice />
      <ExportStatus />
      <HeatLegend />
      <LensBar />
      <div className="editor-body">
        {outline ? (
          <Suspense fallback={null}>
            <OutlineView onClose={toggleOutline} />
          </Suspense>
        ) : (
          <JourneyCanvas />
        )}
        <SidePanel history={history} />
      </div>
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
      {exporting && (
        <Suspense fallback={null}>
          <PosterHost />
        </Suspense>
      )}
      {share && (
        <Suspense fallback={null}>
          <ShareDialog
            links={(origin, commentKey) => ({
              edit: entry.key && (entry.role ?? 'edit') === 'edit' ? shareLink(entry.id, entry.key, origin) : null,
              view: entry.role === 'view' && entry.key ? shareLink(entry.id, entry.key, origin) : entry.viewKey ? shareLink(entry.id, entry.viewKey, origin) : null,
              comment: entry.role === 'comment' && entry.key ? shareLink(entry.id, entry.key, origin) : (commentKey ?? entry.commentKey) ? shareLink(entry.id, (commentKey ?? entry.commentKey)!, origin) : null,
            })}
            sharing={sharing}
            roomOrigin={roomOrigin}
            onClose={() => setShare(false)}
          />
        </Suspense>
      )}
      {renaming && (
        <Suspense fallback={null}>
          <NameDialog
            current={name || undefined}
            onDone={(changed) => {
              setName(changed);
              setRenaming(false);
            }}
            onCancel={() => setRenaming(false)}
          />
        </Suspense>
      )}
    </div>
  );
}

type LinkState = 'none' | 'checking' | 'unreachable' | 'denied';

/**
 * What this tab opens the map with. The view link of a map this browser holds the edit key for
 * opens it read-only, as the link promises (a facilitator checking what stakeholders see, or
 * presenting); the stored entry keeps its edit key, so the map opened from the list still edits.
 */
function tabEntry(entry: MapEntry | undefined, linkKey: string | null): MapEntry | undefined {
  if (entry && linkKey && entry.role === 'edit' && entry.key !== linkKey && entry.viewKey === linkKey) return { ...entry, key: linkKey, role: 'view' };
  // Likewise the comment link: it reads the map and comments, as the stakeholders it is for do.
  if (entry && linkKey && entry.role === 'edit' && entry.key !== linkKey && entry.commentKey === linkKey) return { ...entry, key: linkKey, role: 'comment' };
  return entry;
}

export function EditorPage({ id, linkKey, onHome }: { id: string; linkKey: string | null; onHome(): void }) {
  const t = useT();
  const stored = useMapIndex((s) => s.maps.find((m) => m.id === id));
  const entry = tabEntry(stored, linkKey);
  const upsert = useMapIndex((s) => s.upsert);
  const [link, setLink] = useState<LinkState>(linkKey && stored?.key !== linkKey && stored?.viewKey !== linkKey && stored?.commentKey !== linkKey ? 'checking' : 'none');
  const [room, setRoom] = useState<Room | null>(null);

  // A share link: ask the server what its key opens, remember it, and take the key out of the
  // address bar, unless this tab opens a view link read-only in place of the stored edit key: then
  // the address keeps saying so, and a reload opens the view again.
  useEffect(() => {
    if (!linkKey) return;
    const known = () => useMapIndex.getState().maps.find((m) => m.id === id);
    const clean = () => {
      if (known()?.key === linkKey) history.replaceState(null, '', `#/map/${id}`);
    };
    if (known()?.key === linkKey || known()?.viewKey === linkKey || known()?.commentKey === linkKey) return clean();
    whatKeyOpens(id, linkKey).then(
      (opened) => {
        upsert({ id, key: linkKey, role: opened.role, viewKey: opened.viewKey, commentKey: opened.commentKey });
        setLink('none');
        clean();
      },
      (error: unknown) => setLink(error instanceof ApiError && error.status === 0 ? 'unreachable' : 'denied'),
    );
  }, [id, linkKey, upsert]);

  const openWith = entry && link === 'none' ? `${entry.key ?? ''}|${entry.role ?? 'edit'}` : null;
  // The room lives exactly as long as this effect: opened on mount, destroyed on unmount.
  useEffect(() => {
    const current = tabEntry(useMapIndex.getState().maps.find((m) => m.id === id), linkKey);
    if (!openWith || !current) return;
    const opened = openRoom(current);
    let alive = true;
    void opened.ready.then(() => alive && setRoom(opened));
    const off = opened.onMetaChange((meta) => upsert({ id, title: meta.title, variant: meta.variant }));
    return () => {
      alive = false;
      off();
      opened.destroy();
      setRoom(null);
    };
  }, [id, linkKey, openWith, upsert]);
  const editor = useMemo(() => (room ? { store: room.store, actions: room.actions, presence: room.presence, workshop: room.workshop, comments: room.comments } : null), [room]);

  const problem = link === 'unreachable' ? t('editor.linkUnreachable') : link === 'denied' ? t('editor.linkDenied') : !entry && link === 'none' ? t('editor.notFound') : null;
  if (problem) {
    return (
      <main className="home">
        <p className="notice error" role="alert">
          {problem}
        </p>
        <button type="button" className="btn" onClick={onHome}>
          <Icon name="back" /> {t('toolbar.maps')}
        </button>
      </main>
    );
  }
  if (!room || !editor) return <p className="loading">{t('editor.loading')}</p>;
  return (
    <EditorContext.Provider value={editor}>
      <Editor room={room} entry={entry!} onHome={onHome} />
    </EditorContext.Provider>
  );
}
