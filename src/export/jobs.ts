// The export in progress, if any: the menu asks for one, the poster host carries it out. One at a
// time; a tab-scoped store so menu and host need no props between them.
import { create } from 'zustand';
import type { Journey } from '../journey/types';
import type { PictureLayers } from './layers';

export type ExportJob = (
  | { kind: 'png'; scale: 1 | 2 | 4; transparent: boolean }
  | { kind: 'svg'; transparent: boolean }
  | { kind: 'print'; paper: 'A4' | 'A3'; mode: 'fit' | 'split' }
) & {
  /** What to export, when it is not the map as shown (a version, from the history panel). */
  journey?: Journey;
  /** The layers drawn over the map (survey figures, department lens, open-loop marks); none when omitted. */
  layers?: PictureLayers;
};

interface Jobs {
  job: ExportJob | null;
  /** 0..1 while a picture is being made. */
  progress: number;
  error: string | null;
  start(job: ExportJob): void;
  finish(error?: string): void;
}

export const useExportJobs = create<Jobs>((set, get) => ({
  job: null,
  progress: 0,
  error: null,
  start: (job) => {
    if (!get().job) set({ job, progress: 0, error: null });
  },
  finish: (error) => set({ job: null, progress: 0, error: error ?? null }),
}));
