// Asks for a display name the first time someone joins a shared map; it is remembered.
import { useState } from 'react';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { rememberName } from './identity';

export function NameDialog({ onDone }: { onDone(name: string): void }) {
  const t = useT();
  const [name, setName] = useState('');
  const done = () => {
    const value = name.trim() || t('presence.guest');
    rememberName(value);
    onDone(value);
  };
  return (
    <Dialog title={t('presence.nameTitle')} onClose={done}>
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
          <button type="submit" className="btn btn-primary">
            {t('presence.join')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
