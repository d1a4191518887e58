// Filters for reading a map (this tab only): lane kinds, one department, moments of truth only,
// open gaps only. While any is on, a chip says how many cards are shown and clears them.
import { ToolbarButton } from './ToolbarButton';
import { useState } from 'react';
import { departments, EVIDENCE_FILTERS, isFiltering, NO_FILTER, type EvidenceFilter, type Filter } from '../journey/filter';
import { LANE_KINDS, type LaneKind } from '../journey/types';
import { useEditor, useJourney, useSession } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useT } from '../i18n';
import { LANE_ICONS, MOT_ICON } from '../views/marks';
import { Icon } from '../views/Icon';
import { filterJourney } from '../journey/filter';

export function FilterMenu() {
  const t = useT();
  const { store } = useEditor();
  const [open, setOpen] = useState(false);
  const filter = useSession((s) => s.filter);
  const lanes = useJourney((j) => j.lanes);
  const cards = useJourney((j) => j.cards);
  const kinds = LANE_KINDS.filter((k) => [...lanes.values()].some((l) => l.kind === k));
  const names = departments({ cards });
  const set = (patch: Partial<Filter>) => store.session.setFilter(patch);
  const toggleKind = (kind: LaneKind) => {
    const current = filter.laneKinds ?? kinds;
    const next = current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind];
    set({ laneKinds: next.length === kinds.length ? null : next });
  };
  const active = isFiltering(filter);
  const shown = active ? filterJourney(shownJourney(store.getState()), filter).cards.size : cards.size;
  return (
    <div className="menu-wrap">
      <ToolbarButton icon="filter" label={t('filter.button')} compact aria-expanded={open} aria-pressed={active} onClick={() => setOpen(!open)} />
      {active && (
        <button type="button" className="chip" onClick={() => set(NO_FILTER)} aria-label={t('filter.clearLong', { shown, total: cards.size })}>
          {t('filter.shown', { shown, total: cards.size })} <Icon name="close" />
        </button>
      )}
      {open && (
        <div className="menu filter-menu" role="dialog" aria-label={t('filter.title')} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <fieldset>
            <legend>{t('filter.lanes')}</legend>
            {kinds.map((kind) => (
              <label key={kind} className="menu-check">
                <input type="checkbox" checked={!filter.laneKinds || filter.laneKinds.includes(kind)} onChange={() => toggleKind(kind)} />
                <Icon name={LANE_ICONS[kind]} /> {t(`lane.kind.${kind}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="filter-department">{t('filter.department')}</label>
            <select id="filter-department" value={filter.department ?? ''} onChange={(e) => set({ department: e.target.value || null })}>
              <option value="">{t('filter.allDepartments')}</option>
              {names.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-evidence">{t('filter.evidence')}</label>
            <select id="filter-evidence" value={filter.evidence ?? ''} onChange={(e) => set({ evidence: (EVIDENCE_FILTERS as readonly string[]).includes(e.target.value) ? (e.target.value as EvidenceFilter) : null })}>
              <option value="">{t('filter.evidence.any')}</option>
              {EVIDENCE_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`filter.evidence.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="menu-check">
            <input type="checkbox" checked={filter.momentsOfTruthOnly} onChange={(e) => set({ momentsOfTruthOnly: e.target.checked })} /> <Icon name={MOT_ICON} /> {t('filter.moments')}
          </label>
          <label className="menu-check">
            <input type="checkbox" checked={filter.openGapsOnly} onChange={(e) => set({ openGapsOnly: e.target.checked })} /> <Icon name="warning" /> {t('filter.openGaps')}
          </label>
          <div className="dialog-actions">
            <button type="button" className="btn" disabled={!active} onClick={() => set(NO_FILTER)}>
              {t('filter.clear')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setOpen(false)}>
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
