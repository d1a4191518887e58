// Code that loads on demand (panels, dialogs, exports) speaks with words that load on demand too
// (enLater.ts): `withLaterWords(import('./Panel'))` resolves once both are here, so nothing opened
// ever shows a bare message key.
import { loadLaterMessages } from './catalogue';

export function withLaterWords<T>(module: Promise<T>): Promise<T> {
  return Promise.all([module, loadLaterMessages()]).then(([m]) => m);
}
