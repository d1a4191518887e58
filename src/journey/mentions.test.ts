import { describe, expect, it } from 'vitest';
import { insertMention, knownNames, mentionAt, mentionsIn, splitMentions, suggestNames } from './mentions';

const NAMES = ['Ana Pop', 'Ana', 'Ioana', 'Ștefan', 'Marco'];

describe('typing a mention', () => {
  it('finds the @… just typed, but not an e-mail address nor across lines', () => {
    expect(mentionAt('Ask @An', 7)).toEqual({ start: 4, query: 'An' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('(@Mar', 5)).toEqual({ start: 1, query: 'Mar' });
    expect(mentionAt('mail ana@example.com', 20)).toBeNull();
    expect(mentionAt('@Ana\nnext', 9)).toBeNull();
    expect(mentionAt('no mention', 10)).toBeNull();
  });

  it('suggests names by their start or a word’s start, without caring for case or accents', () => {
    expect(suggestNames(NAMES, 'an')).toEqual(['Ana Pop', 'Ana', 'Ioana'].filter((n) => n !== 'Ioana'));
    expect(suggestNames(NAMES, 'pop')).toEqual(['Ana Pop']);
    expect(suggestNames(NAMES, 'stef')).toEqual(['Ștefan']);
    expect(suggestNames(NAMES, '')).toHaveLength(5);
    expect(suggestNames(NAMES, 'Ana ')).toEqual(['Ana Pop']);
    expect(suggestNames(NAMES, 'zz')).toEqual([]);
  });

  it('puts the chosen name in place of what was typed, and the caret after it', () => {
    expect(insertMention('Ask @an about it', 4, 7, 'Ana Pop')).toEqual({ text: 'Ask @Ana Pop about it', caret: 13 });
    expect(insertMention('@Io', 0, 3, 'Ioana')).toEqual({ text: '@Ioana ', caret: 7 });
  });
});

describe('reading mentions', () => {
  it('finds the known names a text mentions, the longest that fits', () => {
    expect(mentionsIn('@Ana Pop and @Marco, and @ana again', NAMES)).toEqual(['Ana Pop', 'Marco', 'Ana']);
    expect(mentionsIn('@Anastasia is nobody here; mail@Marco neither', NAMES)).toEqual([]);
  });

  it('splits a text into plain parts and mentions', () => {
    expect(splitMentions('Hi @Ioana, see @Ștefan.', NAMES)).toEqual([
      { text: 'Hi ', mention: false },
      { text: '@Ioana', mention: true },
      { text: ', see ', mention: false },
      { text: '@Ștefan', mention: true },
      { text: '.', mention: false },
    ]);
  });

  it('knows each person once, sorted', () => {
    expect(knownNames(['Marco', 'ana'], ['Ana', ' Ioana '], [''])).toEqual(['ana', 'Ioana', 'Marco']);
  });
});
