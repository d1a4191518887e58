import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllLocales, translate } from './catalogue';

// The plural syntax is read from the catalogue text itself; these keys exist in every catalogue.
describe('plural forms', () => {
  beforeAll(loadAllLocales);

  it('chooses the form each language’s plural rules give, and writes the number its way', () => {
    expect(translate('en', 'workshop.votesLeft', { n: 1, total: 3 })).toBe('1 of 3 votes left');
    expect(translate('en', 'workshop.votesLeft', { n: 0, total: 3 })).toBe('No votes left of 3');
    expect(translate('en', 'workshop.votesLeft', { n: 2, total: 3 })).toBe('2 of 3 votes left');
    // Romanian: one (1), few (2–19, 0), other (20+: "de").
    expect(translate('ro', 'workshop.voteCount', { n: 1 })).toBe('1 vot');
    expect(translate('ro', 'workshop.voteCount', { n: 5 })).toBe('5 voturi');
    expect(translate('ro', 'workshop.voteCount', { n: 21 })).toBe('21 de voturi');
    expect(translate('ro', 'workshop.voteCount', { n: 1000 })).toBe('1.000 de voturi');
    expect(translate('it', 'workshop.voteCount', { n: 1 })).toBe('1 voto');
    // ICU's Italian data groups digits from five on (1200, 12.000), unlike Romanian (1.200).
    expect(translate('it', 'workshop.voteCount', { n: 12000 })).toBe('12.000 voti');
  });

  it('turns the old “card(s)” messages into real plurals', () => {
    expect(translate('en', 'import.csvSummary', { n: 1 })).toBe('1 card ready to import.');
    expect(translate('en', 'import.csvSummary', { n: 23 })).toBe('23 cards ready to import.');
    expect(translate('en', 'import.done', { n: 1 })).toBe('Imported 1 card. Undo takes it back.');
    expect(translate('en', 'quarterly.glanceLoops', { closed: 1, open: 5 })).toBe('1 loop closed this quarter; 5 still open.');
    expect(translate('en', 'survey.doneSkipped', { n: 5, skipped: 1 })).toBe('Imported 5 answers; 1 was already on the map and was not counted again.');
    expect(translate('en', 'survey.failed', { reason: 'offline', n: 0 })).toBe('The answers could not all be imported: offline. No answers were saved; importing the same file again adds only the rest.');
    expect(translate('en', 'import.repair.cardMoved', { count: 1, stage: 'Use', lane: 'Notes' })).toBe('1 card whose stage or lane was missing was put in Use · Notes');

    expect(translate('ro', 'import.confirm', { n: 1 })).toBe('Importă 1 card');
    expect(translate('ro', 'import.confirm', { n: 12 })).toBe('Importă 12 carduri');
    expect(translate('ro', 'import.confirm', { n: 24 })).toBe('Importă 24 de carduri');
    expect(translate('ro', 'import.confirm', { n: 101 })).toBe('Importă 101 carduri');
    expect(translate('ro', 'stage.deleteMessage', { name: 'Reînnoire', n: 20 })).toBe('Etapa „Reînnoire” conține 20 de carduri. Vor fi șterse odată cu etapa. Poți anula acțiunea.');
    expect(translate('ro', 'loops.since', { days: 1 })).toBe('1 zi în această stare');
    expect(translate('ro', 'loops.since', { days: 0 })).toBe('0 zile în această stare');
    expect(translate('ro', 'filter.shown', { shown: 3, total: 25 })).toBe('3 din 25 de carduri');
    expect(translate('ro', 'survey.doneSkipped', { n: 1, skipped: 21 })).toBe('A fost importat 1 răspuns; 21 erau deja pe hartă și nu au fost numărate din nou.');

    expect(translate('it', 'import.done', { n: 1 })).toBe('Importata 1 scheda. Con Annulla la rimuovi.');
    expect(translate('it', 'import.done', { n: 9 })).toBe('Importate 9 schede. Con Annulla le rimuovi tutte.');
    expect(translate('it', 'lens.handoffs', { n: 1 })).toBe('1 passaggio di consegne tra reparti lungo il percorso del cliente');
    expect(translate('it', 'cell.hidden', { n: 1 })).toBe('1 nascosta');
    expect(translate('it', 'workshop.round.revealed', { n: 4, w: 1 })).toBe('4 schede rivelate (autori: 1 persona).');
  });
});

// Romanian counts: 1 is `one`; 0, 2–19 and 101–119 (any number ending in 01–19 past 100) are `few`;
// 20–100, 120… take "de" before the noun (`other`). Italian: 1 is `one`, everything else `other`,
// and four-digit numbers are not grouped.
describe('counts in real messages, at the edges of each plural rule', () => {
  beforeAll(loadAllLocales);
  const NS = [0, 1, 2, 19, 20, 21, 100, 101, 1000] as const;
  const at = (locale: 'ro' | 'it', key: Parameters<typeof translate>[1], name = 'n') => NS.map((n) => translate(locale, key, { [name]: n }));

  it('writes Romanian counts with "de" from 20 up, except 101–119', () => {
    expect(at('ro', 'import.confirm')).toEqual([
      'Importă 0 carduri',
      'Importă 1 card',
      'Importă 2 carduri',
      'Importă 19 carduri',
      'Importă 20 de carduri',
      'Importă 21 de carduri',
      'Importă 100 de carduri',
      'Importă 101 carduri',
      'Importă 1.000 de carduri',
    ]);
    expect(at('ro', 'workshop.voteCount')).toEqual(['0 voturi', '1 vot', '2 voturi', '19 voturi', '20 de voturi', '21 de voturi', '100 de voturi', '101 voturi', '1.000 de voturi']);
    expect(at('ro', 'loops.since', 'days').map((s) => s.replace(' în această stare', ''))).toEqual(['0 zile', '1 zi', '2 zile', '19 zile', '20 de zile', '21 de zile', '100 de zile', '101 zile', '1.000 de zile']);
    expect(at('ro', 'import.repair.linkRemoved', 'count').map((s) => s.replace(/ (legături|legătură) .*/, ' $1'))).toEqual([
      '0 legături',
      '1 legătură',
      '2 legături',
      '19 legături',
      '20 de legături',
      '21 de legături',
      '100 de legături',
      '101 legături',
      '1.000 de legături',
    ]);
    expect(translate('ro', 'api.error.tooManyPrivateCards', { max: 200 })).toBe('cel mult 200 de carduri private de persoană într-o rundă');
    expect(translate('ro', 'survey.error.ambiguousTarget', { count: 2, target: 'Magazin' })).toMatch(/^Harta are 2 puncte de contact sau etape numite „Magazin”/);
    expect(translate('ro', 'survey.error.ambiguousTarget', { count: 20, target: 'Magazin' })).toMatch(/^Harta are 20 de puncte de contact sau etape numite/);
    expect(translate('ro', 'quarterly.verbatimsNote', { n: 3 })).toMatch(/^Cel mult 3 comentarii pe punct de contact/);
  });

  it('writes Italian counts with the singular for 1 only, and 1000 ungrouped', () => {
    expect(at('it', 'import.confirm')).toEqual([
      'Importa 0 schede',
      'Importa 1 scheda',
      'Importa 2 schede',
      'Importa 19 schede',
      'Importa 20 schede',
      'Importa 21 schede',
      'Importa 100 schede',
      'Importa 101 schede',
      'Importa 1000 schede',
    ]);
    expect(at('it', 'workshop.voteCount')).toEqual(['0 voti', '1 voto', '2 voti', '19 voti', '20 voti', '21 voti', '100 voti', '101 voti', '1000 voti']);
    expect(at('it', 'survey.ready')).toEqual(NS.map((n) => (n === 1 ? '1 risposta pronta da importare.' : `${n} risposte pronte da importare.`)));
    expect(translate('it', 'import.error.issues', { count: 1, issues: 'x' })).toBe('il file non è valido (1 problema): x');
    expect(translate('it', 'import.error.issues', { count: 3, issues: 'x' })).toBe('il file non è valido (3 problemi): x');
    expect(translate('it', 'api.error.textTooLong', { max: 4000 })).toBe('il testo di una scheda può avere al massimo 4000 caratteri');
  });

  it('writes numbers in plain placeholders the language’s way too', () => {
    expect(translate('ro', 'metric.sample', { n: 1250 })).toBe('n = 1.250');
    expect(translate('it', 'metric.sample', { n: 12500 })).toBe('n = 12.500');
    expect(translate('en', 'metric.sample', { n: 1250 })).toBe('n = 1,250');
    // Text stays as given: codes and line numbers are passed as text.
    expect(translate('ro', 'import.line', { line: '1250', message: 'x' })).toBe('Linia 1250: x');
  });
});
