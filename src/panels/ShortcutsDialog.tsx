// The "?" dialog: every keyboard shortcut of the editor.
import { useT, type MessageKey } from '../i18n';
import { Dialog } from './Dialog';

const SHORTCUTS: [string, MessageKey][] = [
  ['Tab', 'shortcut.tab'],
  ['← ↑ → ↓', 'shortcut.arrows'],
  ['Alt + ← ↑ → ↓', 'shortcut.altArrows'],
  ['Enter', 'shortcut.enter'],
  ['Esc', 'shortcut.escape'],
  ['N', 'shortcut.new'],
  ['L', 'shortcut.link'],
  ['C', 'comments.shortcut'],
  ['Space / Shift + Space', 'shortcut.space'],
  ['Delete', 'shortcut.delete'],
  ['Ctrl/⌘ + D', 'shortcut.duplicate'],
  ['Ctrl/⌘ + C, X, V', 'shortcut.clipboard'],
  ['Ctrl/⌘ + Z', 'shortcut.undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'shortcut.redo'],
  ['Shift + drag', 'shortcut.box'],
  ['Shift + click', 'shortcut.shiftClick'],
  ['Ctrl + wheel', 'shortcut.zoom'],
  ['← → PageUp PageDown', 'present.shortcut'],
  ['?', 'shortcut.help'],
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  return (
    <Dialog title={t('shortcut.title')} onClose={onClose} className="shortcuts">
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={label}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
