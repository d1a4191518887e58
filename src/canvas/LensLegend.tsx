// The department lens's legend, over the canvas's top-right corner: each owning department with its
// colour (and its name, so colour is never the only signal), and how many hand-offs between
// departments the customer meets along the path.
import { Panel } from '@xyflow/react';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { departments } from '../journey/filter';
import { departmentColors, handoffs } from '../journey/loops';
import { useEditor } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useT } from '../i18n';

export function LensLegend() {
  const t = useT();
  const { store } = useEditor();
  const journey = useStore(store, shownJourney);
  const { names, colors, count } = useMemo(
    () => ({ names: departments(journey), colors: departmentColors(journey.cards), count: handoffs(journey).length }),
    [journey],
  );
  return (
    <Panel position="top-right" className="lens-legend" aria-label={t('lens.legend')} role="region">
      <strong>{t('lens.legend')}</strong>
      <ul>
        {names.map((name) => (
          <li key={name}>
            <span className="lens-swatch" style={{ background: colors.get(name.toLowerCase()) }} aria-hidden />
            {name}
          </li>
        ))}
      </ul>
      <p>
        <span aria-hidden>⇄ </span>
        {t('lens.handoffs', { n: count })}
      </p>
    </Panel>
  );
}
