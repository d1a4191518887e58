// Reading a map file the user picked, and saying what happened in the UI's language: why a file
// cannot be imported, and what was repaired in one that could.
import { MAX_FILE_BYTES, parseMapFile, type ImportError, type MapFileResult } from '../journey/exchange';
import type { Repair } from '../journey/repair';
import type { Translate } from '../i18n';

export async function readMapFile(file: File): Promise<MapFileResult> {
  // Refused by its size before a byte is read: a huge file never loads into memory.
  if (file.size > MAX_FILE_BYTES) return tooLarge(file.size);
  return parseMapFile(await file.text());
}

function tooLarge(bytes: number): MapFileResult {
  return { ok: false, error: { code: 'tooLarge', params: { bytes, max: MAX_FILE_BYTES }, message: 'too large' } };
}

export function importErrorText(t: Translate, error: ImportError): string {
  const mb = (n: unknown) => (Number(n) / 1024 / 1024).toFixed(1);
  const reason =
    error.code === 'tooLarge'
      ? t('import.error.tooLarge', { size: mb(error.params.bytes), max: mb(error.params.max) })
      : error.code === 'invalid'
        ? t('import.error.invalid', { detail: error.message })
        : t(`import.error.${error.code}` as never, error.params);
  return t('import.failed', { reason });
}

export const repairText = (t: Translate, repair: Repair) => t(`import.repair.${repair.code}` as never, { ...repair.params, count: repair.count });
