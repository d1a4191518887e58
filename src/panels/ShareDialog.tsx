// Sharing a map: the edit link (for the workshop) and the view link (for stakeholders), each with a
// copy button and a QR code so a room joins from phones and laptops in seconds.
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { Dialog } from './Dialog';

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
            {copied ? `✓ ${t('share.copied')}` : `📋 ${t('share.copyShort')}`}
          </button>
        </div>
      </div>
      {qr && <img className="qr" src={qr} width={176} height={176} alt={t('share.qr', { what: label })} />}
    </section>
  );
}

export function ShareDialog({ editLink, viewLink, onClose }: { editLink: string | null; viewLink: string | null; onClose(): void }) {
  const t = useT();
  return (
    <Dialog title={t('share.title')} onClose={onClose} className="share">
      {editLink && <LinkRow label={t('share.edit')} hint={t('share.editHint')} url={editLink} />}
      {viewLink && <LinkRow label={t('share.view')} hint={t('share.viewHint')} url={viewLink} />}
      {!editLink && !viewLink && <p>{t('share.localOnly')}</p>}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
