// Every route's body, checked by its schema as readBody checks it (parseJsonBody: the same code on
// the event loop and in the map-file worker), against careless and hostile bodies: wrong types,
// fields a route does not take, huge strings, nested objects. Each is a 400 that names the field and
// why; a good body comes out typed, with its defaults.
import { describe, expect, it } from 'vitest';
import { duplicateBody, newMapBody, responsesBody } from './bodies';
import { HttpError } from './guards';
import { NO_BODY, parseJsonBody, type BodySpec } from './jsonBody';
import { BALLOT_BODY, CARD_BODY, ROUND_BODY, VOTE_BODY } from './workshopApi';

const bytes = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => bytes(JSON.stringify(value));

/** The refusal a body gets, as the API answers it (status and JSON body), or the body as read. */
function read(spec: BodySpec, body: unknown): { status: number; error: string; code: string; params: Record<string, unknown> } | { ok: unknown } {
  try {
    return { ok: parseJsonBody(typeof body === 'string' ? bytes(body) : json(body), spec) };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, ...error.body() };
  }
}

const deep = (levels: number): unknown => (levels === 0 ? 'bottom' : { a: deep(levels - 1) });
const huge = 'x'.repeat(2 * 1024 * 1024);

describe('a field of the wrong type is a 400 naming the field and why', () => {
  it.each([
    ['duplicate', duplicateBody, { title: 7 }, 'title', 'notText', /"title" must be text/],
    ['duplicate', duplicateBody, { variant: 'past' }, 'variant', 'unknownValue', /"variant" must be "current" or "future"/],
    ['duplicate', duplicateBody, { title: ['a'] }, 'title', 'notText', /"title" must be text/],
    ['vote', VOTE_BODY, {}, 'laneIds', 'missing', /"laneIds" must be a list of ids/],
    ['vote', VOTE_BODY, { laneIds: 'l1' }, 'laneIds', 'notList', /"laneIds" must be a list of ids/],
    ['vote', VOTE_BODY, { laneIds: ['l1', ''] }, 'laneIds', 'badId', /"laneIds" must be a list of ids/],
    ['vote', VOTE_BODY, { laneIds: Array.from({ length: 1001 }, (_, i) => `l${i}`) }, 'laneIds', 'tooLong', /"laneIds" must be a list of ids/],
    ['vote', VOTE_BODY, { laneIds: ['l1'], stageIds: [3] }, 'stageIds', 'notText', /"stageIds" must be a list of ids/],
    ['vote', VOTE_BODY, { laneIds: ['l1'], votesPerPerson: 2.5 }, 'votesPerPerson', 'notWholeNumber', /from 1 to 20/],
    ['vote', VOTE_BODY, { laneIds: ['l1'], votesPerPerson: '3' }, 'votesPerPerson', 'notNumber', /from 1 to 20/],
    ['vote', VOTE_BODY, { laneIds: ['l1'], allowMultiple: 'yes' }, 'allowMultiple', 'notBoolean', /"allowMultiple" must be true or false/],
    ['ballot', BALLOT_BODY, { cards: 'everything' }, 'cards', 'notList', /"cards" must be a list of card ids/],
    ['ballot', BALLOT_BODY, { cards: [{ id: 'c1' }] }, 'cards', 'notText', /"cards" must be a list of card ids/],
    ['round', ROUND_BODY, { durationMs: '60000' }, 'durationMs', 'notNumber', /from 10000 \(10 seconds\) to 7200000 \(2 hours\)/],
    ['round', ROUND_BODY, { durationMs: 1e12 }, 'durationMs', 'outOfRange', /from 10000/],
    ['card', CARD_BODY, { stageId: 's', laneId: 7, text: '' }, 'laneId', 'notText', /"laneId" must be the id of a lane/],
    ['card', CARD_BODY, { stageId: 's'.repeat(65), laneId: 'l', text: '' }, 'stageId', 'tooLong', /"stageId" must be the id of a stage/],
    ['card', CARD_BODY, { stageId: 's', laneId: 'l', text: 42 }, 'text', 'notText', /"text" must be text/],
    ['responses', responsesBody, { responses: 'all of them' }, 'responses', 'notList', /"responses" must be a list/],
    ['responses', responsesBody, {}, 'responses', 'missing', /"responses" must be a list/],
  ])('%s %j', (_, spec, body, field, reason, message) => {
    const answer = read(spec as BodySpec, body);
    expect(answer).toMatchObject({ status: 400, code: 'badField', params: { field, reason } });
    expect((answer as { error: string }).error).toMatch(message);
  });

  it('an unknown template or locale keeps its own code, the value cut short', () => {
    expect(read(newMapBody, { template: 'nope' })).toEqual({
      status: 400,
      error: 'Unknown template "nope". Use one of: blank, currentJourney, serviceBlueprint, futureJourney.',
      code: 'unknownTemplate',
      params: { template: 'nope' },
    });
    expect(read(newMapBody, { locale: huge })).toMatchObject({ status: 400, code: 'unknownLocale', params: { locale: 'x'.repeat(100) } });
    expect(read(newMapBody, { template: { nested: deep(20) } })).toMatchObject({ status: 400, code: 'unknownTemplate', params: { template: '[object Object]' } });
    expect(read(newMapBody, { locale: 7 })).toMatchObject({ status: 400, code: 'unknownLocale' });
  });

  it('a card text over 4000 characters is textTooLong, with the limit', () => {
    expect(read(CARD_BODY, { stageId: 's', laneId: 'l', text: huge })).toMatchObject({ status: 400, code: 'textTooLong', params: { max: 4000 }, error: '"text" must be at most 4000 characters.' });
    expect(read(CARD_BODY, { stageId: 's', laneId: 'l', text: 'x'.repeat(4000) })).toEqual({ ok: { stageId: 's', laneId: 'l', text: 'x'.repeat(4000) } });
  });

  it('a survey answer: which answer, and which of its fields', () => {
    const good = { date: '2026-07-01', stageId: 's1', metric: 'NPS', score: 9 };
    const refused = (answer: unknown) => read(responsesBody, { responses: [good, answer] });
    expect(refused({ ...good, score: 11 })).toEqual({ status: 400, error: 'Answer 2: score out of range for NPS.', code: 'badAnswer', params: { n: 2, field: 'score' } });
    expect(refused({ ...good, comment: huge })).toMatchObject({ error: 'Answer 2: comment or segment is not text.', params: { n: 2, field: 'comment' } });
    expect(refused({ ...good, segment: deep(10) })).toMatchObject({ params: { n: 2, field: 'comment' } });
    expect(refused({ ...good, stageId: 's'.repeat(65) })).toMatchObject({ error: 'Answer 2: no touchpoint or stage.', params: { field: 'target' } });
    expect(refused({ ...good, line: -1 })).toMatchObject({ params: { n: 2, field: 'line' } });
    expect(refused([good])).toMatchObject({ error: 'Answer 2: not an object.', params: { field: 'answer' } });
    expect(refused({ ...good, weight: 2 })).toMatchObject({ error: expect.stringMatching(/^Answer 2: unknown field "weight" \(an answer has date, touchpointId, stageId, metric, score, comment, segment, line\)\.$/) });
    expect(refused({ ...good, date: '2026-02-30' })).toMatchObject({ error: 'Answer 2: date is not YYYY-MM-DD.' });
  });
});

describe('fields a route does not take', () => {
  it('are named, up to three, with what the route takes, before any value is looked at', () => {
    expect(read(newMapBody, { template: 'blank', colour: 'red' })).toEqual({
      status: 400,
      error: 'Unknown field "colour". This request takes: template, locale, file.',
      code: 'unknownFields',
      params: { fields: 'colour', allowed: 'template, locale, file' },
    });
    const many = read(VOTE_BODY, { laneIds: 5, a: 1, b: 2, c: 3, d: 4 });
    expect(many).toMatchObject({ status: 400, code: 'unknownFields', params: { fields: 'a, b, c' } });
    expect((many as { error: string }).error).toMatch(/^Unknown fields "a", "b", "c", …\. This request takes: laneIds, stageIds, votesPerPerson, allowMultiple\.$/);
    expect(read(NO_BODY, { force: true })).toMatchObject({ status: 400, code: 'unknownFields', error: 'Unknown field "force": this request takes no body.' });
  });

  it('a key that would set the prototype is a field like any other', () => {
    expect(read(ROUND_BODY, '{"durationMs": 60000, "__proto__": {"durationMs": 1}}')).toMatchObject({ status: 400, code: 'unknownFields', params: { fields: '__proto__' } });
    expect(read(duplicateBody, '{"constructor": {}}')).toMatchObject({ status: 400, code: 'unknownFields', params: { fields: 'constructor' } });
  });

  it('a huge field name is cut short in the sentence', () => {
    const answer = read(BALLOT_BODY, { cards: [], [huge]: 1 });
    expect(answer).toMatchObject({ status: 400, code: 'unknownFields' });
    expect((answer as { error: string }).error.length).toBeLessThan(2 * 1024 * 1024);
    expect((answer as { error: string }).error).toMatch(/^Unknown field "x{60}"/);
  });
});

describe('the body itself', () => {
  it('too deep (brackets inside strings do not count), not JSON, not an object: 400 with its code', () => {
    expect(read(newMapBody, `{"template": ${'['.repeat(40)}${']'.repeat(40)}}`)).toMatchObject({ status: 400, code: 'tooDeep', params: { max: 32 } });
    expect(read(newMapBody, { template: 'blank', locale: '['.repeat(100) })).toMatchObject({ status: 400, code: 'unknownLocale' });
    expect(read(newMapBody, '{"template":')).toMatchObject({ status: 400, code: 'badJson' });
    for (const body of ['[]', '"blank"', 'null', '7']) expect(read(newMapBody, body), body).toMatchObject({ status: 400, code: 'notObject' });
  });

  it('comes out typed, with its defaults; an empty body is an empty object', () => {
    expect(parseJsonBody(null, NO_BODY)).toEqual({});
    expect(parseJsonBody(null, newMapBody)).toEqual({});
    expect(parseJsonBody(json({ template: null, locale: 'ro' }), newMapBody)).toEqual({ template: null, locale: 'ro' });
    expect(parseJsonBody(json({ laneIds: ['a', 'b', 'a'] }), VOTE_BODY)).toEqual({ laneIds: ['a', 'b'], stageIds: [], votesPerPerson: 3, allowMultiple: false });
    expect(parseJsonBody(json({ laneIds: ['a'], votesPerPerson: null, allowMultiple: null }), VOTE_BODY)).toMatchObject({ votesPerPerson: 3, allowMultiple: false });
    expect(parseJsonBody(json({ title: `${'a'.repeat(499)}😀` }), duplicateBody).title).toBe(`${'a'.repeat(499)}\uFFFD`); // half an emoji at the cut is mended
    expect(parseJsonBody(json({ responses: [{ date: '2026-07-01', touchpointId: 't1', metric: 'CES', score: 7 }] }), responsesBody).responses).toEqual([
      { line: 2, date: '2026-07-01', touchpointId: 't1', stageId: null, metric: 'CES', score: 7, comment: '', segment: '' },
    ]);
  });

  it('at most 100,000 answers, counted before any is read', () => {
    const answers = Array.from({ length: 100_001 }, () => 0);
    expect(read(responsesBody, { responses: answers })).toMatchObject({ status: 400, code: 'tooManyAnswers', params: { max: 100_000 } });
  });
});
