// The app's account of what the server has stored: every change counts until a write that covers it
// is confirmed durable on the socket it went out on.
import { describe, expect, it } from 'vitest';
import { createSaveTracker, durableMessage, offersSaveProtocol, readSaveMessage, savingMessage } from './saveStatus';

const step1 = new Uint8Array([0, 0, 1, 0]);
const step2 = new Uint8Array([0, 1, 2, 0, 0]);
const update = new Uint8Array([0, 2, 3, 1, 2, 3]);
const awareness = new Uint8Array([1, 1, 0]);

describe('the save tracker', () => {
  it('is saved once the write that carried a change is confirmed, not before', () => {
    const heard: boolean[] = [];
    const t = createSaveTracker((saved) => heard.push(saved));
    const socket = {};
    expect(t.saved()).toBe(true);
    t.sent(socket, step1); // not a write
    t.sent(socket, step2); // write 1: everything so far (nothing)
    t.changed();
    expect(t.saved()).toBe(false);
    t.sent(socket, update); // write 2
    t.sent(socket, awareness);
    t.durable(socket, 1);
    expect(t.saved()).toBe(false);
    t.durable(socket, 2);
    expect(t.saved()).toBe(true);
    expect(heard).toEqual([false, true]);
  });

  it('an update sent before the socket’s sync step 2 does not vouch for older changes: the step 2 does', () => {
    const t = createSaveTracker();
    const old = {};
    t.sent(old, step2);
    t.changed(); // made while the old socket was dying: never sent on it
    const socket = {};
    t.sent(socket, step1);
    t.changed(); // made after the new socket opened, sent at once, before the step 2
    t.sent(socket, update); // write 1
    t.durable(socket, 1);
    expect(t.saved()).toBe(false);
    t.sent(socket, step2); // write 2: holds both changes
    t.durable(socket, 2);
    expect(t.saved()).toBe(true);
  });

  it('a confirmation counts only on its own socket', () => {
    const t = createSaveTracker();
    const first = {};
    const second = {};
    t.sent(first, step2);
    t.changed();
    t.sent(first, update); // write 2 on the first socket, which then closed unconfirmed
    t.sent(second, step2); // write 1 on the second
    t.durable(second, 0);
    t.durable(first, 5); // a late word from the old socket is still true of what it carried
    expect(t.saved()).toBe(true);
    t.changed();
    t.sent(second, update); // write 2 on the second
    t.durable(first, 9);
    expect(t.saved()).toBe(false);
    t.durable(second, 2);
    expect(t.saved()).toBe(true);
  });

  it('changes made while no write is confirmed pile up and are all confirmed by the last', () => {
    const t = createSaveTracker();
    const socket = {};
    t.sent(socket, step2);
    for (let i = 0; i < 100; i++) {
      t.changed();
      t.sent(socket, update);
    }
    t.durable(socket, 100);
    expect(t.saved()).toBe(false);
    t.durable(socket, 101);
    expect(t.saved()).toBe(true);
  });
});

describe('the messages', () => {
  it('read back as written, and other messages are not theirs', () => {
    expect(readSaveMessage(durableMessage(300))).toEqual({ durable: 300 });
    expect(readSaveMessage(savingMessage(true))).toEqual({ failing: true });
    expect(readSaveMessage(savingMessage(false))).toEqual({ failing: false });
    expect(readSaveMessage(update)).toBeUndefined();
  });

  it('are asked for by the tp.save.1 subprotocol', () => {
    expect(offersSaveProtocol('key.abc, tp.save.1')).toBe(true);
    expect(offersSaveProtocol('key.abc')).toBe(false);
    expect(offersSaveProtocol('key.tp.save.1')).toBe(false);
    expect(offersSaveProtocol(undefined)).toBe(false);
  });
});
