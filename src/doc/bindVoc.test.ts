// The survey figures and verbatims the server writes into the document reach the store, checked:
// an entry any client garbled is left out rather than shown as a figure, and the store follows every
// change.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Voc } from '../store/store';
import { bindVoc } from './bindVoc';

describe('bindVoc', () => {
  it('reads good figures and verbatims, leaves out garbled ones, and follows changes', () => {
    const doc = new Y.Doc();
    const figures = doc.getMap('voc');
    const verbatims = doc.getMap('verbatims');
    figures.set('t:a|NPS|2026-Q3', { value: 20, n: 10 });
    figures.set('t:a|CES|2026-Q3', { value: null, n: 0 });
    figures.set('t:b|NPS|2026-Q3', { value: '20', n: 10 }); // a value as text
    figures.set('t:c|NPS|2026-Q3', { value: 5 }); // no sample size
    verbatims.set('v1', { touchpointId: 'a', stageId: 's', metric: 'NPS', score: 3, date: '2026-07-01', text: 'Too slow', segment: 'Prepaid' });
    verbatims.set('v2', { touchpointId: 7, metric: 'CSAT', score: 2, text: 'Rude' }); // odd fields read as unknown
    verbatims.set('v3', { metric: 'XYZ', score: 2, text: 'Which metric?' });
    verbatims.set('v4', { metric: 'NPS', score: 2 }); // no text
    let voc: Voc | undefined;
    const stop = bindVoc(doc, (next) => (voc = next));

    expect([...voc!.figures]).toEqual([
      ['t:a|NPS|2026-Q3', { value: 20, n: 10 }],
      ['t:a|CES|2026-Q3', { value: null, n: 0 }],
    ]);
    expect([...voc!.verbatims.values()]).toEqual([
      { id: 'v1', touchpointId: 'a', stageId: 's', metric: 'NPS', score: 3, date: '2026-07-01', text: 'Too slow', segment: 'Prepaid' },
      { id: 'v2', touchpointId: null, stageId: null, metric: 'CSAT', score: 2, date: '', text: 'Rude', segment: '' },
    ]);

    figures.set('t:b|NPS|2026-Q3', { value: 40, n: 31 });
    expect(voc!.figures.get('t:b|NPS|2026-Q3')).toEqual({ value: 40, n: 31 });
    stop();
    figures.delete('t:a|NPS|2026-Q3');
    expect(voc!.figures.has('t:a|NPS|2026-Q3')).toBe(true); // unbound: no longer followed
  });
});
