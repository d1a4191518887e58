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
