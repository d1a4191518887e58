// Mirrors the map's Voice-of-the-Customer roots (written by the server after a survey import) into
// store.voc: `voc` holds figures keyed target|metric|quarter, `verbatims` a few comments per
// touchpoint. Entries are checked like everything read from the document, against the schemas of
// ../journey/voc/onMap.ts.
import * as Y from 'yjs';
import { check } from '../journey/records/valid';
import { mapFigureSchema, verbatimSchema, type MapFigure, type Verbatim } from '../journey/voc/onMap';
import type { Voc } from '../store/store';

function readFigure(value: unknown): MapFigure | null {
  const read = check(mapFigureSchema, value);
  return read.ok ? read.value : null;
}

function readVerbatim(id: string, value: unknown): Verbatim | null {
  const read = check(verbatimSchema, value);
  return read.ok ? { id, ...read.value } : null;
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
