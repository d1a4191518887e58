// What the history panel and the version banner do, in one place: each step asks the server through
// the versions client, then changes this tab's session (a version shown, a comparison drawn) or the
// live map through one command (a restore in place, which the restoring person's Undo takes back).
// Failures and outcomes are said in the reader's language (historyStore: `error`, `notice`).
import { useMemo } from 'react';
import { useFormat, useT } from '../../i18n';
import { compareJourneys } from '../../journey/compare';
import { toExportFile } from '../../journey/exchange';
import type { Journey } from '../../journey/types';
import { useEditor } from '../../store/context';
import type { Version, VersionsClient } from '../../store/versionsClient';
import { downloadBlob, fileName } from '../../export/download';
import { useExportJobs } from '../../export/jobs';
import { askConfirm } from '../confirm';
import { errorReason } from '../serverErrors';
import { rememberJourney, setHistory, useHistory, type CompareBase } from './historyStore';
import { versionName, versionPhrase } from './versionWords';

export type VersionExport = 'json' | 'png' | 'print';

/** What the actions need of a version (the banner knows no more of the one it shows). */
export type VersionRef = Pick<Version, 'id' | 'name' | 'createdAt'>;

/** A request error of status 0: the server could not be reached (src/app/api.ts). */
const unreachable = (error: unknown) => typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 0;

export function useHistoryActions(client: VersionsClient | null) {
  const t = useT();
  const format = useFormat();
  const { store, actions } = useEditor();
  return useMemo(() => {
    const say = (error: unknown) => (unreachable(error) ? t('history.unreachable') : t('history.failed', { reason: errorReason(t, error, format) }));
    /** Runs one request at a time; false when it failed (the failure is said). */
    const run = async (fn: (c: VersionsClient) => Promise<void>): Promise<boolean> => {
      if (!client || useHistory.getState().busy) return false;
      setHistory({ busy: true, error: null, notice: null });
      try {
        await fn(client);
        return true;
      } catch (error) {
        setHistory({ error: say(error) });
        return false;
      } finally {
        setHistory({ busy: false });
      }
    };
    const refresh = async (c: VersionsClient) => setHistory({ versions: await c.list() });
    const journeyOf = async (c: VersionsClient, v: VersionRef): Promise<Journey> => {
      const known = useHistory.getState().journeys.get(v.id);
      if (known) return known;
      const journey = await c.journey(v.id);
      rememberJourney(v.id, journey);
      return journey;
    };
    const compare = (base: CompareBase) => {
      setHistory({ base });
      store.session.compareWith(base.name, compareJourneys(base.journey, store.getState().journey));
      store.session.openPanel('history');
    };
    return {
      refresh: () => run(refresh),
      /** Names the map as it is now: a version kept until deleted. */
      name: (name: string) =>
        run(async (c) => {
          await c.create({ name });
          await refresh(c);
          setHistory({ notice: t('history.namedNotice', { name: t('history.quoted', { name }) }) });
        }),
      rename: (v: VersionRef, name: string) =>
        run(async (c) => {
          await c.rename(v.id, name);
          await refresh(c);
          setHistory({ notice: t('history.renamedNotice', { name: t('history.quoted', { name }) }) });
        }),
      remove: async (v: VersionRef) => {
        const name = versionPhrase(t, format, v);
        if (!(await askConfirm(t('history.deleteTitle', { name }), t('history.deleteMessage'), t('common.delete')))) return false;
        return run(async (c) => {
          await c.remove(v.id);
          if (store.getState().session.viewing?.id === v.id) store.session.backToLive();
          await refresh(c);
          setHistory({ notice: t('history.deletedNotice', { name }) });
        });
      },
      /** Shows the version instead of the live map, read-only. */
      open: (v: VersionRef) =>
        run(async (c) => {
          const journey = await journeyOf(c, v);
          store.session.viewVersion({ id: v.id, label: v.name ?? '', createdAt: v.createdAt, journey });
        }),
      compareWithNow: (v: VersionRef) =>
        run(async (c) => {
          compare({ journey: await journeyOf(c, v), name: versionName(t, format, v), mode: 'since' });
        }),
      /** A future-state copy against the current-state map it was copied from. */
      compareWithSource: () =>
        run(async (c) => {
          const journey = await c.source();
          if (!journey) {
            setHistory({ error: t('history.noSource') });
            return;
          }
          compare({ journey, name: journey.meta.title.trim() || t('map.untitled'), mode: 'against' });
        }),
      stopComparing: () => {
        store.session.stopComparing();
        setHistory({ base: null });
      },
      /**
       * Restores the version in place: asked first, the map as it is now kept as a version, then one
       * command that changes only what differs (others' edits meanwhile land on top; Undo takes it back).
       */
      restore: async (v: VersionRef) => {
        const name = versionPhrase(t, format, v);
        if (!(await askConfirm(t('history.restoreTitle', { name }), t('history.restoreMessage'), t('history.restoreConfirm')))) return false;
        return run(async (c) => {
          const journey = await journeyOf(c, v);
          await c.create({ reason: 'beforeRestore' });
          store.session.backToLive();
          store.session.stopComparing();
          actions.restoreJourney(journey);
          setHistory({ base: null, notice: t('history.restoredNotice', { name }) });
          await refresh(c).catch(() => undefined);
        });
      },
      /** A new map from the version, opened in this tab. */
      copy: (v: VersionRef) => run((c) => c.openCopy(v.id)),
      exportAs: (v: VersionRef, kind: VersionExport) =>
        run(async (c) => {
          const journey = await journeyOf(c, v);
          if (kind === 'json') {
            const title = `${journey.meta.title} ${versionName(t, format, v)}`;
            downloadBlob(new Blob([JSON.stringify(toExportFile(journey, new Date()), null, 2)], { type: 'application/json' }), fileName(title, 'touchpoint.json'));
          } else {
            useExportJobs.getState().start(kind === 'png' ? { kind: 'png', scale: 2, transparent: false, journey } : { kind: 'print', paper: 'A4', mode: 'fit', journey });
          }
        }),
    };
  }, [client, t, format, store, actions]);
}

export type HistoryActions = ReturnType<typeof useHistoryActions>;
