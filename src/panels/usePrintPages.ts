// How many pages each print choice of the Export menu makes (printPlan), worked out when the menu
// opens and again when the layers chosen there change. printPlan is loaded then, not with the app:
// most sessions never print.
import { withLaterWords } from '../i18n/later';
import { useEffect, useState } from 'react';
import { useEditor } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useT } from '../i18n';
import type { PictureLayers } from '../export/layers';
import type { PrintChoice } from '../export/printPlan';

export function usePrintPages(open: boolean, layers: PictureLayers): Record<PrintChoice, number> | null {
  const t = useT();
  const { store } = useEditor();
  const [counts, setCounts] = useState<Record<PrintChoice, number> | null>(null);
  // The layers by value: the menu may hand a new object with the same choices at each render.
  const { survey, lens, loops } = layers;
  useEffect(() => {
    if (!open) return;
    let alive = true;
    void withLaterWords(import('../export/printPlan')).then(({ printPageCounts }) => {
      if (alive) setCounts(printPageCounts(shownJourney(store.getState()), t, { survey, lens, loops }));
    });
    return () => {
      alive = false;
    };
  }, [open, survey, lens, loops, t, store]);
  return open ? counts : null;
}
