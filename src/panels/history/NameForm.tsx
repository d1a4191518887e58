// A version's name, typed in place: naming the map as it is now, or renaming a version. Enter saves,
// Escape cancels; the field takes focus when it opens (its opener gets it back: the caller's job).
import { useState } from 'react';
import { useT } from '../../i18n';

/** The server keeps names up to this length (docs/api.md, "Versions"). */
export const MAX_VERSION_NAME = 200;

interface Props {
  initial?: string;
  label: string;
  saveLabel: string;
  busy: boolean;
  onSave(name: string): void;
  onCancel(): void;
}

export function NameForm({ initial = '', label, saveLabel, busy, onSave, onCancel }: Props) {
  const t = useT();
  const [name, setName] = useState(initial);
  const trimmed = name.trim();
  return (
    <form
      className="version-name-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed) onSave(trimmed);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label className="field">
        <span className="field-label">{label}</span>
        <input autoFocus value={name} maxLength={MAX_VERSION_NAME} placeholder={t('history.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="version-name-actions">
        <button type="submit" className="btn btn-primary" disabled={!trimmed || busy}>
          {saveLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
