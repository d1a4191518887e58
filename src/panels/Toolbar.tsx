// The editor's toolbar: back to the maps, undo and redo, panels, shortcuts and language.
import type { ReactNode } from 'react';
import { useActions, useEditor, useReadOnly, useSession } from '../store/context';
import { useT } from '../i18n';
import { LanguageSwitcher } from './LanguageSwitcher';
import { ToolbarButton } from './ToolbarButton';
import { CommentsButton } from './CommentsButton';
import { ExportMenu, type ExportMenuProps } from './ExportMenu';
import { FilterMenu } from './FilterMenu';
import { ImportMenu } from './ImportMenu';
import type { OpenPanel } from '../store';
import type { SurveyResponse } from '../journey/voc/scores';
import { Icon } from '../views/Icon';

interface Props {
  onHome(): void;
  onShortcuts(): void;
  /** Makes a new map from an imported map file and opens it. */
  onImportMap(file: unknown): Promise<void>;
  sendResponses?: (responses: SurveyResponse[]) => Promise<{ imported: number; skipped: number }>;
  /** Keeps a version of the map on the server before a map file replaces it. */
  keepVersion?: () => Promise<void>;
  /** A quarter's quotes for the quarterly report, from the server (ExportMenu). */
  loadQuotes?: ExportMenuProps['loadQuotes'];
  /** The outline (the map as lists, for the keyboard and screen readers) is shown instead of the canvas. */
  outline?: boolean;
  onOutline?(): void;
  children?: ReactNode;
}

export function Toolbar({ onHome, onShortcuts, onImportMap, sendResponses, keepVersion, loadQuotes, outline, onOutline, children }: Props) {
  const readOnly = useReadOnly();
  const t = useT();
  const actions = useActions();
  const { store } = useEditor();
  const canUndo = useSession((s) => s.canUndo);
  const canRedo = useSession((s) => s.canRedo);
  const panel = useSession((s) => s.panel);
  const presenting = useSession((s) => s.presenting !== null);
  /** Presents from the selected card's stage, or from the first. */
  const present = () => (presenting ? store.session.stopPresenting() : store.session.startPresenting());
  const lens = useSession((s) => s.lens);
  const heat = useSession((s) => s.heat);
  const toggle = (p: OpenPanel) => store.session.togglePanel(p);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <ToolbarButton icon="back" label={t('toolbar.maps')} onClick={onHome} />
      {!readOnly && (
        <>
          <span className="toolbar-sep" />
          <ToolbarButton icon="undo" label={t('toolbar.undo')} hint="Ctrl+Z" compact disabled={!canUndo} onClick={actions.undo} />
          <ToolbarButton icon="redo" label={t('toolbar.redo')} hint="Ctrl+Shift+Z" compact disabled={!canRedo} onClick={actions.redo} />
        </>
      )}
      <span className="toolbar-sep" />
      {onOutline && <ToolbarButton icon="table" label={t('outline.button')} compact data-outline-toggle aria-pressed={!!outline} onClick={onOutline} />}
      <ToolbarButton icon="users" label={t('toolbar.personas')} compact aria-pressed={panel === 'personas'} onClick={() => toggle('personas')} />
      <ToolbarButton icon="panel" label={t('toolbar.inspector')} compact aria-pressed={panel === 'inspector'} onClick={() => toggle('inspector')} />
      <ToolbarButton icon="repeat" label={t('loops.button')} compact aria-pressed={panel === 'loops'} onClick={() => toggle('loops')} />
      <ToolbarButton icon="flag" label={t('workshop.button')} compact aria-pressed={panel === 'workshop'} onClick={() => toggle('workshop')} />
      <CommentsButton />
      <ToolbarButton icon="history" label={t('history.button')} compact data-panel="history" aria-pressed={panel === 'history'} onClick={() => toggle('history')} />
      <ToolbarButton icon="building" label={t('lens.button')} compact aria-pressed={lens === 'department'} onClick={() => store.session.toggleLens()} />
      <ToolbarButton icon="thermometer" label={t('voc.heat')} compact aria-pressed={heat} onClick={() => store.session.toggleHeat()} />
      <FilterMenu />
      <span className="toolbar-sep" />
      <ToolbarButton icon="play" label={t('present.button')} aria-pressed={presenting} onClick={present} />
      {!readOnly && <ImportMenu onImported={onImportMap} sendResponses={sendResponses} keepVersion={keepVersion} />}
      <ExportMenu loadQuotes={loadQuotes} />
      <span className="toolbar-fill" />
      {children}
      <button type="button" className="btn btn-ghost" aria-label={t('toolbar.shortcuts')} title={t('toolbar.shortcuts')} onClick={onShortcuts}>
        <Icon name="keyboard" />
      </button>
      <LanguageSwitcher />
    </div>
  );
}
