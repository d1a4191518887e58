// Tells the user when parts of the map could not be read: they are kept in the document, not
// shown, and never crash the editor.
import { useState } from 'react';
import { useJourney } from '../store/context';
import { useT } from '../i18n';
import { Icon } from '../views/Icon';
import { issueText } from './importIssues';

export function UnreadableNotice() {
  const t = useT();
  const unreadable = useJourney((j) => j.unreadable);
  const [open, setOpen] = useState(false);
  if (!unreadable.length) return null;
  return (
    <div className="notice" role="status">
      <Icon name="warning" /> {t('unreadable.message', { n: unreadable.length })}{' '}
      <button type="button" className="link-btn" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('unreadable.details')}
      </button>
      {open && (
        <ul>
          {unreadable.map((u) => (
            <li key={`${u.root}/${u.key}`}>
              {t('unreadable.item', { root: u.root, key: u.key, reason: u.issue ? issueText(t, u.issue) : u.reason })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
