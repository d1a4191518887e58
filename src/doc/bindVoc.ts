// Mirrors the map's Voice-of-the-Customer roots (written by the server after a survey import) into
// store.voc: `voc` holds figures keyed target|metric|quarter, `verbatims` a few comments per
// touchpoint. Entries are checked like everything read from the document.
import * as Y from 'yjs';
import type { MapFigure, Verbatim } from '../journey/voc/onMap';
import { VOC_METRICS } from '../journey/voc/scores';
import type { Voc } from '../store/store';

function readFigure(value: unknown): MapFigure | null {
  const v = value as Partial<MapFigure> | null;
  if (!v || typeof v !== 'object' || typeof v.n !== 'number' || !(v.value === null || typeof v.value === 'number')) return null;
  return { value: v.value, n: v.n };
}

function readVerbatim(id: string, value: unknown): Verbatim | null {
  const v = value as Partial<Verbatim> | null;
  if (!v || typeof v !== 'object' || typeof v.text !== 'string' || typeof v.score !== 'number' || !VOC_METRICS.includes(v.metric as never)) return null;
  return {
    id,
    touchpointId: typeof v.touchpointId === 'string' ? v.touchpointId : null,
    stageId: typeof v.stageId === 'string' ? v.stageId : null,
    metric: v.metric!,
    score: v.score,
    date: typeof v.date === 'string' ? v.date : '',
    text: v.text,
    segment: typeof v.segment === 'string' ? v.segment : '',
  };
}

export function bindVoc(doc: Y.Doc, setVoc: (voc: Voc) => void): () => void {
  const figuresRoot = doc.getMap('voc');
  const verbatimsRoot = doc.getMap('verbatims');
  const read = () => {
    const figures = new Map<string, MapFigure>();
    figuresRoot.forEach((v, key) => {
      const f = readFigure(v);
      if (f) figures.set(key, f);
    });
    const verbatims = new Map<string, Verbatim>();
    verbatimsRoot.forEach((v, id) => {
      const q = readVerbatim(id, v);
      if (q) verbatims.set(id, q);
    });
    setVoc({ figures, verbatims });
  };
  read();
  figuresRoot.observe(read);
  verbatimsRoot.observe(read);
  return () => {
    figuresRoot.unobserve(read);
    verbatimsRoot.unobserve(read);
  };
}
