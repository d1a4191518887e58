// Where the keyboard's link dialog opens (loaded with its first use; its state is in useLinking).
// What it did is said in the editor's live region (views/announce).
import { lazy, Suspense } from 'react';
import { withLaterWords } from '../i18n/later';
import { announce } from '../views/announce';

const LinkPicker = lazy(() => withLaterWords(import('../panels/LinkPicker')).then((m) => ({ default: m.LinkPicker })));

export function LinkPickerHost({ from, close }: { from: string | null; close(): void }) {
  if (!from) return null;
  return (
    <Suspense fallback={null}>
      <LinkPicker
        fromId={from}
        onClose={close}
        onDone={(text) => {
          close();
          announce(text);
        }}
      />
    </Suspense>
  );
}
