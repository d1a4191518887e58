import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindText, type TextSurface } from './textBinding';
import { LOCAL } from './origins';

/** A text field as the binding sees one: value, selection and events (a browser's <textarea>). */
class Field extends EventTarget implements TextSurface {
  value = '';
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection: 'forward' | 'backward' | 'none' = 'none';
  scrollTop = 0;
  setSelectionRange(start: number, end: number, direction: 'forward' | 'backward' | 'none' = 'none') {
    this.selectionStart = Math.min(start, this.value.length);
    this.selectionEnd = Math.min(end, this.value.length);
    this.selectionDirection = direction;
  }
  get caret() {
    return this.selectionEnd;
  }
  /** A keystroke: replaces the selection with `text` and fires `input`, as a browser does. */
  type(text: string) {
    for (const ch of text) {
      this.value = this.value.slice(0, this.selectionStart) + ch + this.value.slice(this.selectionEnd);
      this.selectionStart = this.selectionEnd = this.selectionStart + ch.length;
      this.dispatchEvent(new Event('input'));
    }
  }
  backspace() {
    const at = this.selectionStart;
    this.value = this.value.slice(0, at - 1) + this.value.slice(at);
    this.selectionStart = this.selectionEnd = at - 1;
    this.dispatchEvent(new Event('input'));
  }
  /** An input method composing: `compositionstart`, updates (input with isComposing), then end. */
  compose(steps: string[], final: string, between?: () => void) {
    const from = this.selectionStart;
    const tail = this.value.slice(this.selectionEnd);
    const head = this.value.slice(0, from);
    this.dispatchEvent(new Event('compositionstart'));
    for (const step of steps) {
      this.value = head + step + tail;
      this.selectionStart = this.selectionEnd = from + step.length;
      this.dispatchEvent(Object.assign(new Event('input'), { isComposing: true }));
      between?.();
    }
    this.value = head + final + tail;
    this.selectionStart = this.selectionEnd = from + final.length;
    this.dispatchEvent(Object.assign(new Event('input'), { isComposing: true }));
    this.dispatchEvent(new Event('compositionend'));
  }
}

/** One person: a document, a card text in it and a field bound to it. */
function person(clientID: number, initial = '') {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const text = doc.getText('card');
  if (initial) doc.transact(() => text.insert(0, initial), 'seed');
  const field = new Field();
  const unbind = bindText(text, field, {
    edit: (edit) =>
      doc.transact(() => {
        if (edit.remove) text.delete(edit.index, edit.remove);
        if (edit.insert) text.insert(edit.index, edit.insert);
      }, LOCAL),
  });
  return { doc, text, field, unbind };
}

/** Two people on one card whose updates reach each other only when `deliver()` is called. */
function pair(initial: string) {
  const a = person(1);
  const b = person(2);
  if (initial) a.doc.transact(() => a.text.insert(0, initial), 'seed');
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'remote');
  const sv = { a: Y.encodeStateVector(a.doc), b: Y.encodeStateVector(b.doc) };
  const deliver = () => {
    const toB = Y.encodeStateAsUpdate(a.doc, sv.b);
    const toA = Y.encodeStateAsUpdate(b.doc, sv.a);
    Y.applyUpdate(b.doc, toB, 'remote');
    Y.applyUpdate(a.doc, toA, 'remote');
    sv.a = Y.encodeStateVector(a.doc);
    sv.b = Y.encodeStateVector(b.doc);
  };
  return { a, b, deliver };
}

const remoteInsert = (doc: Y.Doc, index: number, s: string) => {
  const other = new Y.Doc();
  other.clientID = 99;
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.getText('card').insert(index, s);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote');
};
const remoteDelete = (doc: Y.Doc, index: number, n: number) => {
  const other = new Y.Doc();
  other.clientID = 98;
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.getText('card').delete(index, n);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote');
};

describe('bindText: the caret among remote edits', () => {
  it('shows the shared text when bound and sends each keystroke as a small edit at the caret', () => {
    const p = person(1, 'Goes to a store');
    expect(p.field.value).toBe('Goes to a store');
    p.field.setSelectionRange(0, 0);
    p.field.type('Ana ');
    expect(p.text.toString()).toBe('Ana Goes to a store');
    p.field.backspace();
    expect(p.text.toString()).toBe('AnaGoes to a store');
  });

  it('keeps the caret on its characters when someone inserts before it', () => {
    const p = person(1, 'Goes to a store');
    p.field.setSelectionRange(5, 5); // after "Goes "
    remoteInsert(p.doc, 0, 'Maria ');
    expect(p.field.value).toBe('Maria Goes to a store');
    expect(p.field.caret).toBe(11);
    p.field.type('quickly ');
    expect(p.text.toString()).toBe('Maria Goes quickly to a store');
  });

  it('leaves the caret where it is when someone inserts after it', () => {
    const p = person(1, 'Goes to a store');
    p.field.setSelectionRange(4, 4);
    remoteInsert(p.doc, 15, ' nearby');
    expect(p.field.value).toBe('Goes to a store nearby');
    expect(p.field.caret).toBe(4);
  });

  it('keeps the caret before text someone inserts exactly at it', () => {
    const p = person(1, 'Goes to a store');
    p.field.setSelectionRange(15, 15);
    remoteInsert(p.doc, 15, ' END');
    expect(p.field.value).toBe('Goes to a store END');
    expect(p.field.caret).toBe(15);
  });

  it('moves the caret to the start of a remote deletion that swallowed it', () => {
    const p = person(1, 'Goes to a store');
    p.field.setSelectionRange(7, 7);
    remoteDelete(p.doc, 5, 5); // "to a " gone
    expect(p.field.value).toBe('Goes store');
    expect(p.field.caret).toBe(5);
    remoteDelete(p.doc, 0, 2);
    expect(p.field.caret).toBe(3);
  });

  it('keeps a selected range on the same words, not growing with text typed at its edges', () => {
    const p = person(1, 'Goes to a store');
    p.field.setSelectionRange(5, 7, 'backward'); // "to"
    remoteInsert(p.doc, 7, 'XX');
    remoteInsert(p.doc, 5, 'YY');
    expect(p.field.value.slice(p.field.selectionStart, p.field.selectionEnd)).toBe('to');
    expect(p.field.selectionDirection).toBe('backward');
  });

  it('does not move the caret for changes to other texts of the document', () => {
    const p = person(1, 'Goes to a store');
    p.field.setSelectionRange(3, 3);
    p.doc.transact(() => p.doc.getText('other').insert(0, 'x'), 'remote');
    expect(p.field.caret).toBe(3);
  });
});

describe('bindText: two people typing in one card', () => {
  it('start and end at once: each word stays whole', () => {
    const { a, b, deliver } = pair('Goes to a store');
    a.field.setSelectionRange(0, 0);
    b.field.setSelectionRange(15, 15);
    const wa = 'START ';
    const wb = ' END';
    for (let i = 0; i < Math.max(wa.length, wb.length); i++) {
      if (wa[i]) a.field.type(wa[i]!);
      if (wb[i]) b.field.type(wb[i]!);
      deliver();
    }
    expect(a.text.toString()).toBe('START Goes to a store END');
    expect(b.text.toString()).toBe(a.text.toString());
    expect(a.field.value).toBe(a.text.toString());
    expect(b.field.value).toBe(b.text.toString());
  });

  it('both at the end, or both at the same place: the two words never interleave', () => {
    for (const at of [15, 5, 0]) {
      const { a, b, deliver } = pair('Goes to a store');
      a.field.setSelectionRange(at, at);
      b.field.setSelectionRange(at, at);
      const wa = ' roaming';
      const wb = ' invoice';
      for (let i = 0; i < wa.length; i++) {
        a.field.type(wa[i]!);
        b.field.type(wb[i]!);
        deliver();
      }
      const result = a.text.toString();
      expect(result, `at ${at}`).toContain(wa);
      expect(result, `at ${at}`).toContain(wb);
      expect(result.length).toBe(15 + wa.length + wb.length);
      expect(b.text.toString()).toBe(result);
    }
  });

  it('a caret placed before someone types at it stays there: the later words go where it was put', () => {
    const { a, b, deliver } = pair('Plată');
    a.field.setSelectionRange(5, 5);
    b.field.setSelectionRange(5, 5);
    for (const ch of ' cu cardul') {
      a.field.type(ch);
      deliver();
    }
    for (const ch of ' online') {
      b.field.type(ch);
      deliver();
    }
    expect(a.text.toString()).toBe('Plată online cu cardul');
    expect(b.field.caret).toBe('Plată online'.length);
  });
});

describe('bindText: composition (dead keys)', () => {
  it('commits the composed letter at the caret once, not the dead key', () => {
    const p = person(1, 'Pas');
    p.field.setSelectionRange(3, 3);
    p.field.compose(['ˇ'], 'ș');
    expect(p.text.toString()).toBe('Pasș');
  });

  it('waits with remote changes until the composition ends, then places both right', () => {
    const p = person(1, 'Plat cu cardul');
    p.field.setSelectionRange(4, 4);
    p.field.compose(['˘'], 'ă', () => {
      remoteInsert(p.doc, 0, 'Maria: ');
      // The field is not rewritten while the input method composes.
      expect(p.field.value).toBe('Plat˘ cu cardul');
    });
    expect(p.text.toString()).toBe('Maria: Plată cu cardul');
    expect(p.field.value).toBe('Maria: Plată cu cardul');
    expect(p.field.caret).toBe('Maria: Plată'.length);
  });

  it('an Italian accented vowel composed while another person deletes after the caret', () => {
    const p = person(1, 'perch no');
    p.field.setSelectionRange(5, 5);
    p.field.compose(['`'], 'è', () => remoteDelete(p.doc, 5, 3));
    expect(p.text.toString()).toBe('perchè');
    expect(p.field.value).toBe('perchè');
  });
});

describe('bindText: undo', () => {
  it('an undo of this person’s typing is drawn with the caret kept, the other person’s words stay', () => {
    const { a, b, deliver } = pair('Goes to a store');
    const undo = new Y.UndoManager(a.text, { trackedOrigins: new Set([LOCAL]) });
    b.field.setSelectionRange(0, 0);
    b.field.type('Ana ');
    deliver();
    a.field.setSelectionRange(a.field.value.length, a.field.value.length);
    a.field.type(' today');
    deliver();
    undo.undo();
    deliver();
    expect(a.field.value).toBe('Ana Goes to a store');
    expect(b.field.value).toBe('Ana Goes to a store');
    undo.destroy();
  });
});
