// Asks for a display name when someone clicks their own avatar in the presence bar: to name
// themselves (until then they are a numbered guest; nobody is asked on arriving) or to change it.
// It is remembered.
import { useState } from 'react';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { rememberName } from './identity';

interface Props {
  /** The name to change; none: naming oneself for the first time. */
  current?: string;
  onDone(name: string): void;
  /** Closed without saving a change (only when there is a name to keep). */
  onCancel?(): void;
}

export function NameDialog({ current, onDone, onCancel }: Props) {
  const t = useT();
  const [name, setName] = useState(current ?? '');
  const renaming = current !== undefined;
  const done = () => {
    const value = name.trim() || t('presence.guest');
    rememberName(value);
    onDone(value);
  };
  return (
    <Dialog title={t(renaming ? 'presence.renameTitle' : 'presence.nameTitle')} onClose={onCancel ?? done}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          done();
        }}
      >
        <p>{t('presence.nameWhy')}</p>
        <div className="field">
          <label htmlFor="display-name">{t('presence.name')}</label>
          <input id="display-name" value={name} maxLength={60} autoFocus onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="dialog-actions">
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
          <button type="submit" className="btn btn-primary">
            {t('presence.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
