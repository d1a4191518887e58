// The import dialogs' row messages: the pure planners (src/journey/csvImport.ts, src/journey/voc/
// surveyCsv.ts) give a code and the values it names; here they become the reader's language.
import type { ImportIssue } from '../journey/csvImport';
import type { SurveyImportError } from '../journey/voc/surveyCsv';
import type { Translate } from '../i18n';

export const cardIssueText = (t: Translate, issue: ImportIssue): string => t(`csvImport.${issue.code}`, issue.params);

export function surveyErrorText(t: Translate, error: SurveyImportError): string {
  if (error.code !== 'missingColumns') return t(`survey.error.${error.code}`, error.params);
  // The missing columns are named in the reader's language, not by their ids.
  const missing = String(error.params.missing)
    .split(',')
    .map((column) => t(`survey.missing.${column as 'date' | 'target' | 'metric' | 'score'}`));
  return t('survey.error.missingColumns', { missing: missing.join(', ') });
}
