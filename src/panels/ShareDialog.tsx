// Sharing a map: the edit link (for the workshop), the comment link (for stakeholders who read and
// comment) and the view link (for those who only read), each with a copy button and a QR code so a
// room joins from phones and laptops in seconds. A page opened at localhost makes them with the
// address the room can reach, or says that there is none. An editor also chooses here whether view
// links may comment too (the server keeps the setting and enforces it, docs/api.md "Sharing").
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { errorReason } from './serverErrors';
import { Dialog } from './Dialog';
import { Icon } from '../views/Icon';

/** The owner's sharing settings on the server (src/app/api.ts `sharingOf`). */
export interface Sharing {
  read(): Promise<{ commentKey: string; viewersComment: boolean }>;
  setViewersComment(on: boolean): Promise<void>;
}

function LinkRow({ label, hint, url }: { label: string; hint: string; url: string }) {
  const t = useT();
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let alive = true;
    // The QR code library is loaded with the first share dialog, not with the editor (the service
    // worker caches it beforehand for offline use).
    void import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(url, { margin: 1, width: 176, errorCorrectionLevel: 'M' }))
      .then((data) => alive && setQr(data));
    return () => {
      alive = false;
    };
  }, [url]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard permission (an http page on the LAN): select the text so Ctrl+C works.
      const input = document.getElementById(`link-${label}`) as HTMLInputElement | null;
      input?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <section className="share-row">
      <div className="share-text">
        <h3>{label}</h3>
        <p className="muted small">{hint}</p>
        <div className="share-link">
          <input id={`link-${label}`} readOnly value={url} aria-label={label} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="btn" onClick={copy} aria-label={t('share.copy', { what: label })}>
            {copied ? `✓ ${t('share.copied')}` : <><Icon name="copy" /> {t('share.copyShort')}</>}
          </button>
        </div>
      </div>
      {qr && <img className="qr" src={qr} width={176} height={176} alt={t('share.qr', { what: label })} />}
    </section>
  );
}

/** A page opened on this computer's own name: links made from it open nowhere else. (0.0.0.0 also
 * reaches only this computer when typed into a browser.) */
const onThisComputerOnly = (hostname: string) =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]' || hostname === '0.0.0.0';

interface Props {
  /** The map's links at an origin (null: this tab has no such key). */
  links(origin: string, commentKey: string | null): { edit: string | null; view: string | null; comment: string | null };
  /** The owner's sharing settings (an edit link's tab only). */
  sharing?: Sharing;
  /** Asks the server which origin the room's phones and laptops can open (null: none). */
  roomOrigin(): Promise<string | null>;
  onClose(): void;
}

/** The editor's choice whether view links may comment; the server keeps it. */
function ViewersComment({ sharing, on, onChange }: { sharing: Sharing; on: boolean; onChange(on: boolean): void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (next: boolean) => {
    setBusy(true);
    setError(null);
    onChange(next);
    try {
      await sharing.setViewersComment(next);
    } catch (e) {
      onChange(!next);
      setError(t('share.viewersCommentFailed', { reason: errorReason(t, e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="share-setting">
      <label className="check">
        <input type="checkbox" checked={on} disabled={busy} onChange={(e) => void change(e.currentTarget.checked)} /> {t('share.viewersComment')}
      </label>
      <p className="muted small">{t('share.viewersCommentHint')}</p>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ShareDialog({ links, sharing, roomOrigin, onClose }: Props) {
  const t = useT();
  // The comment key and the setting, asked of the server (an editor's tab does not keep them).
  const [settings, setSettings] = useState<{ commentKey: string; viewersComment: boolean } | null>(null);
  useEffect(() => {
    if (!sharing) return;
    let alive = true;
    sharing.read().then(
      (read) => alive && setSettings(read),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [sharing]);
  const local = onThisComputerOnly(location.hostname);
  // undefined while the server is asked: no link is shown that would change a moment later.
  const [origin, setOrigin] = useState<string | null | undefined>(local ? undefined : location.origin);
  useEffect(() => {
    if (!local) return;
    let alive = true;
    roomOrigin()
      .catch(() => null)
      .then((o) => alive && setOrigin(o));
    return () => {
      alive = false;
    };
  }, [local, roomOrigin]);
  const { edit, view, comment } = links(origin ?? location.origin, settings?.commentKey ?? null);
  return (
    <Dialog title={t('share.title')} onClose={onClose} className="share">
      {origin !== undefined && edit && <LinkRow label={t('share.edit')} hint={t('share.editHint')} url={edit} />}
      {origin !== undefined && comment && <LinkRow label={t('share.comment')} hint={t('share.commentHint')} url={comment} />}
      {origin !== undefined && view && <LinkRow label={t('share.view')} hint={t('share.viewHint')} url={view} />}
      {sharing && settings && <ViewersComment sharing={sharing} on={settings.viewersComment} onChange={(on) => setSettings((s) => s && { ...s, viewersComment: on })} />}
      {origin === null && (edit || view || comment) && (
        <p className="notice share-note" role="note">
          {t('share.loopbackNote')}
        </p>
      )}
      {!edit && !view && !comment && <p>{t('share.localOnly')}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
