// The import dialogs' row messages: the pure planners (src/journey/csvImport.ts, src/journey/voc/
// surveyCsv.ts) give a code and the values it names, and the file readers a structured issue (path,
// reason, value); here they become the reader's language. Only what the file holds (its column
// names and values, a field's path) is shown as it is.
import type { ImportIssue } from '../journey/csvImport';
import type { Issue } from '../journey/exchange';
import type { SurveyImportError } from '../journey/voc/surveyCsv';
import type { Params, Translate } from '../i18n';

const REASONS: Record<Issue['reason'], true> = {
  missing: true,
  notObject: true,
  notList: true,
  notText: true,
  notNumber: true,
  notWholeNumber: true,
  notBoolean: true,
  unknownValue: true,
  outOfRange: true,
  tooLong: true,
  duplicate: true,
  badId: true, badOrderKey: true,
};
export const isIssueReason = (value: unknown): value is Issue['reason'] => typeof value === 'string' && Object.hasOwn(REASONS, value);

/** One field that cannot be read: "journey.cards[3].kind: valore sconosciuto «sticker»". */
export function issueText(t: Translate, issue: Issue): string {
  // `duplicate`'s value is the path of the first occurrence, said inside its reason.
  const reason = t(`issue.reason.${issue.reason}`, { value: issue.value });
  return issue.value && issue.reason !== 'duplicate' ? t('issue.withValue', { path: issue.path, reason, value: issue.value }) : t('issue.plain', { path: issue.path, reason });
}

/** What papaparse says of a line it cannot read, by its error code (its English message otherwise). */
const CSV_PROBLEMS = ['InvalidQuotes', 'TooFewFields', 'TooManyFields', 'UndetectableDelimiter'] as const;
const isCsvProblem = (value: unknown): value is (typeof CSV_PROBLEMS)[number] => typeof value === 'string' && (CSV_PROBLEMS as readonly string[]).includes(value);

/** A planner's params, with a line papaparse could not read said in the reader's language. */
function withDetail(t: Translate, params: Params): Params {
  return isCsvProblem(params.detail) ? { ...params, detail: t(`csvImport.problem.${params.detail}`) } : params;
}

export function cardIssueText(t: Translate, issue: ImportIssue): string {
  if (issue.code !== 'missingColumns') return t(`csvImport.${issue.code}`, withDetail(t, issue.params));
  // The planner names the columns as the file writes them; its one phrase of words is translated.
  const missing = String(issue.params.missing).replace('"lane" or "kind"', t('csvImport.laneOrKind'));
  return t('csvImport.missingColumns', { missing });
}

export function surveyErrorText(t: Translate, error: SurveyImportError): string {
  if (error.code !== 'missingColumns') return t(`survey.error.${error.code}`, withDetail(t, error.params));
  // The missing columns are named in the reader's language, not by their ids.
  const missing = String(error.params.missing)
    .split(',')
    .map((column) => t(`survey.missing.${column as 'date' | 'target' | 'metric' | 'score'}`));
  return t('survey.error.missingColumns', { missing: missing.join(', ') });
}
