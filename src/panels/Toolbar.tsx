// The editor's toolbar: back to the maps, undo and redo, panels, shortcuts and language.
import type { ReactNode } from 'react';
import { useActions, useEditor, useReadOnly, useSession } from '../store/context';
import { useT } from '../i18n';
import { LanguageSwitcher } from './LanguageSwitcher';
import { ExportMenu } from './ExportMenu';
import { FilterMenu } from './FilterMenu';
import { ImportMenu } from './ImportMenu';
import { sortByIndex } from '../journey/order';
import type { SurveyResponse } from '../journey/voc/scores';

interface Props {
  onHome(): void;
  onShortcuts(): void;
  /** Makes a new map from an imported map file and opens it. */
  onImportMap(file: unknown): Promise<void>;
  sendResponses?: (responses: SurveyResponse[]) => Promise<{ imported: number }>;
  children?: ReactNode;
}

export function Toolbar({ onHome, onShortcuts, onImportMap, sendResponses, children }: Props) {
  const readOnly = useReadOnly();
  const t = useT();
  const actions = useActions();
  const { store } = useEditor();
  const canUndo = useSession((s) => s.canUndo);
  const canRedo = useSession((s) => s.canRedo);
  const panel = useSession((s) => s.panel);
  const presenting = useSession((s) => s.presenting !== null);
  /** Presents from the selected card's stage, or from the first. */
  const present = () => {
    const { session, journey, setSession } = store.getState();
    if (session.presenting !== null) return setSession({ presenting: null });
    const card = journey.cards.get(session.selection[0] ?? '');
    const at = card ? sortByIndex(journey.stages.values()).findIndex((s) => s.id === card.stageId) : 0;
    setSession({ presenting: Math.max(0, at) });
  };
  const lens = useSession((s) => s.lens);
  const heat = useSession((s) => s.heat);
  const toggle = (p: 'inspector' | 'personas' | 'loops') => store.getState().setSession({ panel: panel === p ? null : p });
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <button type="button" className="btn btn-ghost" onClick={onHome}>
        ← {t('toolbar.maps')}
      </button>
      {!readOnly && (
        <>
      <span className="toolbar-sep" />
      <button type="button" className="btn btn-ghost" aria-label={t('toolbar.undo')} title={`${t('toolbar.undo')} (Ctrl+Z)`} disabled={!canUndo} onClick={actions.undo}>
        ↶ <span className="btn-text">{t('toolbar.undo')}</span>
      </button>
      <button type="button" className="btn btn-ghost" aria-label={t('toolbar.redo')} title={`${t('toolbar.redo')} (Ctrl+Shift+Z)`} disabled={!canRedo} onClick={actions.redo}>
        ↷ <span className="btn-text">{t('toolbar.redo')}</span>
      </button>
        </>
      )}
      <span className="toolbar-sep" />
      <button type="button" className="btn btn-ghost" aria-pressed={panel === 'personas'} onClick={() => toggle('personas')}>
        👤 {t('toolbar.personas')}
      </button>
      <button type="button" className="btn btn-ghost" aria-pressed={panel === 'inspector'} onClick={() => toggle('inspector')}>
        ☰ {t('toolbar.inspector')}
      </button>
      <button type="button" className="btn btn-ghost" aria-pressed={panel === 'loops'} onClick={() => toggle('loops')}>
        <span aria-hidden>🔁</span> {t('loops.button')}
      </button>
      <button type="button" className="btn btn-ghost" aria-pressed={lens === 'department'} onClick={() => store.getState().setSession({ lens: lens ? null : 'department' })}>
        <span aria-hidden>🏢</span> {t('lens.button')}
      </button>
      <FilterMenu />
      <button type="button" className="btn btn-ghost" aria-pressed={presenting} onClick={present}>
        <span aria-hidden>▷</span> {t('present.button')}
      </button>
      <button type="button" className="btn btn-ghost" aria-pressed={heat} onClick={() => store.getState().setSession({ heat: !heat })}>
        <span aria-hidden>🌡</span> {t('voc.heat')}
      </button>
      {!readOnly && <ImportMenu onImported={onImportMap} sendResponses={sendResponses} />}
      <ExportMenu />
      <span className="toolbar-fill" />
      {children}
      <button type="button" className="btn btn-ghost" aria-label={t('toolbar.shortcuts')} title={t('toolbar.shortcuts')} onClick={onShortcuts}>
        ⌨ ?
      </button>
      <LanguageSwitcher />
    </div>
  );
}
