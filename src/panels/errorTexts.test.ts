// What a person reads when a file, a row or a request is refused: every detail in their language,
// built from the structured issue or refusal (never from the English message meant for API users).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllLocales, translate, type Locale, type Translate } from '../i18n/catalogue';
import { formatsFor } from '../i18n/format';
import { readRefusal, refusalOf } from '../i18n/refusals';
import { parseMapFile, type ImportError } from '../journey/exchange';
import { cardIssueText, issueText, surveyErrorText } from './importIssues';
import { importErrorText } from './mapFile';
import { errorReason, refusalText } from './serverErrors';

beforeAll(loadAllLocales);

const tr =
  (locale: Locale): Translate =>
  (key, params) =>
    translate(locale, key, params);

const failed = (text: string): ImportError => {
  const read = parseMapFile(text);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.error;
};

/** A map file whose fourth card has a kind nobody knows. */
function stickerFile(): string {
  const card = (id: string, kind = 'note') => ({ id, kind, stageId: 's', laneId: 'l', index: 'a0', text: id });
  const journey = {
    meta: { title: 'T' },
    stages: [{ id: 's', name: 'S', index: 'a0' }],
    lanes: [{ id: 'l', name: 'L', kind: 'actions', index: 'a0' }],
    cards: [card('c0'), card('c1'), card('c2'), card('c3', 'sticker')],
  };
  return JSON.stringify({ type: 'touchpoint.journey', app: 'Touchpoint', version: 2, exportedAt: '', journey });
}

describe('a map file that cannot be read', () => {
  it('lists its problems in the reader’s language, the file’s own paths and values as they are', () => {
    const error = failed(stickerFile());
    expect(error.issues).toEqual([{ path: 'journey.cards[3].kind', reason: 'unknownValue', value: 'sticker' }]);
    expect(importErrorText(tr('it'), error, formatsFor('it'))).toBe('Questo file non può essere importato: il file non è valido (1 problema): journey.cards[3].kind: valore sconosciuto «sticker». Non è stato modificato nulla.');
    expect(importErrorText(tr('ro'), error, formatsFor('ro'))).toBe('Acest fișier nu poate fi importat: fișierul nu este valid (o problemă): journey.cards[3].kind: valoare necunoscută „sticker”. Nu s-a schimbat nimic.');
    expect(importErrorText(tr('en'), error, formatsFor('en'))).toContain('journey.cards[3].kind: unknown value “sticker”');
  });

  it('says every reason an issue can have, and a duplicate by the path it repeats', () => {
    expect(issueText(tr('it'), { path: 'journey.cards[0].text', reason: 'missing', value: '' })).toBe('journey.cards[0].text: manca');
    expect(issueText(tr('ro'), { path: 'journey.stages[2].id', reason: 'duplicate', value: 'journey.stages[0]' })).toBe('journey.stages[2].id: la fel ca journey.stages[0]');
    expect(issueText(tr('it'), { path: 'journey.emotions[0].score', reason: 'outOfRange', value: '7' })).toBe('journey.emotions[0].score: fuori dall’intervallo consentito «7»');
  });

  it('says a file without a journey, and the size of one too large, the language’s way', () => {
    const noJourney = failed(JSON.stringify({ type: 'touchpoint.journey', version: 2 }));
    expect(importErrorText(tr('it'), noJourney, formatsFor('it'))).toBe('Questo file non può essere importato: il file non contiene nessuna mappa del percorso. Non è stato modificato nulla.');
    const tooLarge: ImportError = { code: 'tooLarge', params: { bytes: 7_235_174, max: 6 * 1024 * 1024 }, message: '' };
    expect(importErrorText(tr('it'), tooLarge, formatsFor('it'))).toBe('Questo file non può essere importato: è di 6,9 MB, oltre il limite di 6,0 MB per un file di mappa. Non è stato modificato nulla.');
    expect(importErrorText(tr('en'), tooLarge, formatsFor('en'))).toBe('This file cannot be imported: it is 6.9 MB, more than the 6.0 MB a map file may be. Nothing was changed.');
  });
});

describe('rows of a spreadsheet that cannot be imported', () => {
  it('names missing columns as the file writes them, the rest translated', () => {
    const issue = { line: 1, code: 'missingColumns' as const, params: { missing: '"stage", "lane" or "kind"' } };
    expect(cardIssueText(tr('it'), issue)).toBe('La riga di intestazione deve nominare le colonne "stage" e "text", e "lane" o "kind". Mancano: "stage", "lane" o "kind".');
  });

  it('says what the CSV reader could not read, not its English message', () => {
    expect(cardIssueText(tr('ro'), { line: 4, code: 'rowUnreadable', params: { detail: 'InvalidQuotes' } })).toBe(
      'Rândul nu este importat: linia nu poate fi citită ca CSV (o ghilimea din interiorul unui câmp între ghilimele nu este dublată).',
    );
    expect(surveyErrorText(tr('it'), { line: 1, code: 'headerUnreadable', params: { detail: 'InvalidQuotes' } })).toContain('una virgoletta dentro un campo tra virgolette non è raddoppiata');
  });
});

describe('a request the server refused', () => {
  it('is said from its code and params, whatever the English sentence', () => {
    const refusal = readRefusal(400, { error: 'This vote gives each person 3 votes; the ballot has 4.', code: 'tooManyVotes', params: { allowed: 3, count: 4 } });
    expect(refusalText(tr('it'), refusal)).toBe('in questa votazione ogni persona ha 3 voti, e la scheda di voto ne ha 4');
    expect(refusalText(tr('ro'), readRefusal(429, { code: 'tooManyMaps', params: { perMinute: 30, seconds: 20 } }))).toBe(
      'prea multe hărți noi de la această adresă (cel mult 30 pe minut); încearcă din nou peste 20 de secunde',
    );
  });

  it('falls back to what its status means when the body names no code this browser knows', () => {
    expect(readRefusal(409, { error: 'Something new.' })).toEqual({ code: 'conflict', params: {} });
    expect(readRefusal(500, 'not json')).toEqual({ code: 'serverError', params: {} });
    expect(readRefusal(404, { code: 'fromTheFuture', params: { x: 1 } })).toEqual({ code: 'notFound', params: {} });
    // Only text and numbers are shown.
    expect(readRefusal(400, { code: 'badField', params: { field: 'title', nested: { a: 1 } } }).params).toEqual({ field: 'title' });
  });

  it('says a map file the server refused as the browser would', () => {
    const refusal = readRefusal(400, { code: 'badMapFile', params: { file: 'invalid', path: 'journey.cards[3].kind', reason: 'unknownValue', value: 'sticker', count: 1 } });
    expect(refusalText(tr('it'), refusal)).toBe('il file non è valido (1 problema): journey.cards[3].kind: valore sconosciuto «sticker»');
    expect(refusalText(tr('it'), readRefusal(400, { code: 'badMapFile', params: { count: 2 } }))).toBe('il server non riesce a leggere questo file di mappa');
  });

  it('is read from an error that carries it, else the error’s own message is the reason', () => {
    const error = Object.assign(new Error('Only the facilitator can close a vote.'), { refusal: { code: 'notFacilitator', params: {} } });
    expect(refusalOf(error)).toEqual({ code: 'notFacilitator', params: {} });
    expect(errorReason(tr('ro'), error)).toBe('doar facilitatorul poate face asta');
    expect(errorReason(tr('ro'), new Error('QuotaExceededError'))).toBe('QuotaExceededError');
  });
});
