// The one confirm dialog of the app, driven by askConfirm().
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { useConfirm } from './confirm';

export function ConfirmDialog() {
  const t = useT();
  const request = useConfirm((s) => s.request);
  if (!request) return null;
  return (
    <Dialog title={request.title} onClose={() => request.resolve(false)}>
      <p>{request.message}</p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => request.resolve(false)} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => request.resolve(true)}>
          {request.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
