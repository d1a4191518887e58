// Sharing a map: the edit link (for the workshop) and the view link (for stakeholders), each with a
// copy button and a QR code so a room joins from phones and laptops in seconds. A page opened at
// localhost makes them with the address the room can reach, or says that there is none.
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { Icon } from '../views/Icon';

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
  links(origin: string): { edit: string | null; view: string | null };
  /** Asks the server which origin the room's phones and laptops can open (null: none). */
  roomOrigin(): Promise<string | null>;
  onClose(): void;
}

export function ShareDialog({ links, roomOrigin, onClose }: Props) {
  const t = useT();
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
  const { edit, view } = links(origin ?? location.origin);
  return (
    <Dialog title={t('share.title')} onClose={onClose} className="share">
      {origin !== undefined && edit && <LinkRow label={t('share.edit')} hint={t('share.editHint')} url={edit} />}
      {origin !== undefined && view && <LinkRow label={t('share.view')} hint={t('share.viewHint')} url={view} />}
      {origin === null && (edit || view) && (
        <p className="notice share-note" role="note">
          {t('share.loopbackNote')}
        </p>
      )}
      {!edit && !view && <p>{t('share.localOnly')}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
