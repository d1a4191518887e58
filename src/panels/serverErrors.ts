// What the server refused, in the reader's language: a request error carries the server's refusal
// (a stable code and its params, src/i18n/refusals.ts), never shown as the server's English. A
// refused map file is said as a map file the browser refused (./mapFile.ts) would be.
import { refusalOf, type Refusal } from '../i18n/refusals';
import type { Formats, Translate } from '../i18n';
import { importErrorReason, mapFileError } from './mapFile';

/** A refusal as the `{reason}` of a sentence ("The server refused: {reason}"). */
export function refusalText(t: Translate, refusal: Refusal, format?: Formats): string {
  const file = refusal.code === 'badMapFile' ? mapFileError(refusal.params) : undefined;
  return file ? importErrorReason(t, file, format) : t(`api.error.${refusal.code}`, refusal.params);
}

/**
 * The reason an error gives, for a `{reason}`: the server's refusal when it carries one, else the
 * error's own message (the browser's, for its storage and its network).
 */
export function errorReason(t: Translate, error: unknown, format?: Formats): string {
  const refusal = refusalOf(error);
  if (refusal) return refusalText(t, refusal, format);
  return error instanceof Error ? error.message : String(error);
}
