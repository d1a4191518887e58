// The version history's code, loaded when first needed (the editor's first load stays small): the
// versions client of the open map (./versionsClient.ts) handed to the history panel and to the band
// above the canvas (src/panels/HistoryPanel.tsx, HistoryBanner.tsx), and what opening a map made
// from a version does in this browser.
import { useMemo } from 'react';
import { HistoryBanner } from '../panels/HistoryBanner';
import { HistoryPanel } from '../panels/HistoryPanel';
import type { CreatedMap } from './api';
import { useMapIndex } from './mapIndex';
import { createVersionsClient } from './versionsClient';

export interface HistoryHostProps {
  mapId: string;
  /** The key this tab opens the map with; none for a map kept only in this browser (no versions). */
  mapKey: string | null;
}

/** A map made from a version: remembered in this browser (its title and variant are learnt as it opens), and opened. */
function openMadeMap(made: CreatedMap): void {
  useMapIndex.getState().upsert({ id: made.id, key: made.editKey, role: 'edit', viewKey: made.viewKey });
  location.hash = `#/map/${made.id}`;
}

function useClient({ mapId, mapKey }: HistoryHostProps) {
  return useMemo(() => (mapKey ? createVersionsClient(mapId, mapKey, openMadeMap) : null), [mapId, mapKey]);
}

export function HistoryPanelHost(props: HistoryHostProps) {
  return <HistoryPanel mapId={props.mapId} client={useClient(props)} />;
}

export function HistoryBannerHost(props: HistoryHostProps) {
  return <HistoryBanner mapId={props.mapId} client={useClient(props)} />;
}
