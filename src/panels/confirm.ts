// Asking before a destructive step: `askConfirm` opens the one confirm dialog and resolves with the
// answer. A tab-scoped store, so any handler can ask without threading callbacks through props.
import { create } from 'zustand';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  resolve(answer: boolean): void;
}

export const useConfirm = create<{ request: ConfirmRequest | null }>(() => ({ request: null }));

export function askConfirm(title: string, message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    useConfirm.setState({
      request: {
        title,
        message,
        confirmLabel,
        resolve: (answer) => {
          useConfirm.setState({ request: null });
          resolve(answer);
        },
      },
    });
  });
}
