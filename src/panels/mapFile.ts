// Reading a map file the user picked, and saying what happened in the UI's language: why a file
// cannot be imported (the fields that cannot be read, each said from its structured issue, never
// from the English `message`), and what was repaired in one that could.
import { withLaterWords } from '../i18n/later';
import { MAX_FILE_BYTES, parseMapFile, type ImportError, type ImportErrorCode, type Issue, type MapFileResult } from '../journey/exchange';
import type { Repair } from '../journey/repair';
import type { Formats, Params, Translate } from '../i18n';
import { issueText, isIssueReason } from './importIssues';

export async function readMapFile(file: File): Promise<MapFileResult> {
  // Refused by its size before a byte is read: a huge file never loads into memory.
  if (file.size > MAX_FILE_BYTES) return tooLarge(file.size);
  return withSurvey(parseMapFile(await file.text()));
}

/** The file's survey part read, if it has one: its reader is loaded then (most files have none). */
export async function withSurvey(read: MapFileResult): Promise<MapFileResult> {
  if (!read.ok || read.surveyPart === undefined) return read;
  const { readSurveyPart } = await withLaterWords(import('../journey/surveyFile'));
  const { survey, repairs } = readSurveyPart(read.surveyPart, read.journey);
  return { ok: true, journey: read.journey, comments: read.comments, repairs: [...read.repairs, ...repairs], survey };
}

function tooLarge(bytes: number): MapFileResult {
  return { ok: false, error: { code: 'tooLarge', params: { bytes, max: MAX_FILE_BYTES }, message: 'too large' } };
}

export const importErrorText = (t: Translate, error: ImportError, format: Formats): string => t('import.failed', { reason: importErrorReason(t, error, format) });

/** Why a file cannot be imported, as the `{reason}` of a sentence. Sizes are written by `format`. */
export function importErrorReason(t: Translate, error: ImportError, format?: Formats): string {
  switch (error.code) {
    case 'tooLarge': {
      const size = (bytes: unknown) => (format ? format.bytes(Number(bytes)) : String(bytes));
      return t('import.error.tooLarge', { size: size(error.params.bytes), max: size(error.params.max) });
    }
    case 'invalid': {
      const issues = error.issues ?? firstIssue(error.params);
      if (issues[0]?.path === 'journey' && issues[0].reason === 'missing') return t('import.error.noJourney');
      const count = Math.max(Number(error.params.count) || 0, issues.length);
      const listed = issues.map((issue) => issueText(t, issue)).join('; ') + (count > issues.length ? '; …' : '');
      return t('import.error.invalid', { detail: t('import.error.issues', { count, issues: listed }) });
    }
    default:
      return t(`import.error.${error.code}`, error.params);
  }
}

/** The first issue, as an `invalid` error's params name it (the server sends only those). */
function firstIssue(params: Params): Issue[] {
  const { path, reason, value } = params;
  return typeof path === 'string' && isIssueReason(reason) ? [{ path, reason, value: String(value ?? '') }] : [];
}

const IMPORT_ERRORS: Record<ImportErrorCode, true> = { notJson: true, notOurs: true, newerVersion: true, tooLarge: true, invalid: true };
const isImportErrorCode = (value: unknown): value is ImportErrorCode => typeof value === 'string' && Object.hasOwn(IMPORT_ERRORS, value);

/** The map file error a server refusal (`badMapFile`) carries: its code in `file`, beside its params. */
export function mapFileError(params: Params): ImportError | undefined {
  const { file: code, ...rest } = params;
  return isImportErrorCode(code) ? { code, params: rest, message: '' } : undefined;
}

export function repairText(t: Translate, repair: Repair): string {
  // The survey part that did not read: where and why, worded as an import's issues are.
  if (repair.code === 'surveyUnreadable') {
    const { path, reason, value } = repair.params;
    return t('import.repair.surveyUnreadable', { detail: isIssueReason(reason) ? issueText(t, { path: String(path), reason, value: String(value ?? '') }) : String(path) });
  }
  return t(`import.repair.${repair.code}`, { ...repair.params, count: repair.count });
}
