// Presentation mode's side of the screen (loaded with the first presentation): the presented
// stage's summary (present/PresentSummary) and the controls to move between stages and end
// (present/PresentNav, present/usePresentKeys). The canvas shows the stage itself, zoomed
// (canvas/PresentView); the editor hides its tools meanwhile (EditorPage, styles.css "presenting").
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { sortByIndex } from '../journey/order';
import { useEditor } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useT } from '../i18n';
import { PresentNav } from './present/PresentNav';
import { PresentSummary } from './present/PresentSummary';
import { stageSummary } from './present/stageSummary';
import { usePresentKeys } from './present/usePresentKeys';

export function PresentPanel() {
  const t = useT();
  const { store } = useEditor();
  const at = useStore(store, (s) => s.session.presenting) ?? 0;
  const journey = useStore(store, shownJourney);
  const figures = useStore(store, (s) => s.voc.figures);
  const verbatims = useStore(store, (s) => s.voc.verbatims);
  const stages = useMemo(() => sortByIndex(journey.stages.values()), [journey.stages]);
  const stage = stages[at];
  const summary = useMemo(() => (stage ? stageSummary(journey, figures, verbatims, stage) : null), [journey, figures, verbatims, stage]);
  const go = (to: number) => store.session.present(to);
  const stop = () => store.session.stopPresenting();
  usePresentKeys(at, stages.length, go, stop);
  // Someone deleted stages meanwhile: the last one left is presented; none left, the presentation ends.
  useEffect(() => {
    if (!stages.length) store.session.stopPresenting();
    else if (at > stages.length - 1) store.session.present(stages.length - 1);
  }, [store, at, stages.length]);

  // The summary takes the focus when the presentation starts (the button that started it is hidden),
  // so the keys and a screen reader start here; each new stage starts at the summary's top.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    panel.current?.querySelector('.present-scroll')?.scrollTo(0, 0);
  }, [at]);

  if (!stage || !summary) return null;
  return (
    <aside className="side-panel present-panel" aria-label={t('present.title')} ref={panel} tabIndex={-1}>
      <div className="present-scroll">
        <PresentSummary summary={summary} position={at} total={stages.length} />
      </div>
      <PresentNav at={at} total={stages.length} name={stage.name} go={go} stop={stop} />
    </aside>
  );
}
