// The bus's wire format: every message type comes back as it was sent, and whatever else arrives on a
// map's channel (garbage, a cut-off message, one from a newer release) is ignored, never thrown.
import { describe, expect, it } from 'vitest';
import type { BusMessage } from './bus';
import { BUS_PROTOCOL_VERSION, decodeBusMessage, encodeBusMessage } from './codec';

const EVERY_TYPE: BusMessage[] = [
  { type: 'update', from: 'host-a/123/9f3c', local: 300, update: new Uint8Array([1, 2, 3, 0, 255]) },
  { type: 'update', from: 'b', local: 0, update: new Uint8Array() },
  { type: 'update', from: 'b', local: 7, seq: 4096, update: new Uint8Array([9]) },
  { type: 'version', from: 'c', at: 1_796_000_000_000 },
  { type: 'awareness', from: 'd', update: new Uint8Array([0]), ask: true },
  { type: 'stored', from: 'instance-ü', firstLocal: 3, lastLocal: 2 ** 40, first: 17, last: 2 ** 40 + 16 },
  { type: 'awareness', from: 'c', update: new Uint8Array(300).fill(7) },
  { type: 'deleted', from: 'd' },
  { type: 'comments', from: 'e', rev: 2 ** 35 },
];

describe('bus codec', () => {
  it.each(EVERY_TYPE.map((message) => [message.type, message] as const))('round-trips %s', (_, message) => {
    expect(decodeBusMessage(encodeBusMessage(message))).toEqual(message);
  });

  it('gives a decoded update its own bytes, so a room may keep it after the buffer is reused', () => {
    const bytes = encodeBusMessage({ type: 'update', from: 'a', local: 1, update: new Uint8Array([5, 6]) });
    const decoded = decodeBusMessage(bytes);
    bytes.fill(0);
    expect(decoded).toEqual({ type: 'update', from: 'a', local: 1, update: new Uint8Array([5, 6]) });
  });

  it('ignores a message of another protocol version, as during a rolling upgrade', () => {
    for (const message of EVERY_TYPE) {
      const bytes = encodeBusMessage(message);
      bytes[0] = BUS_PROTOCOL_VERSION + 1;
      expect(decodeBusMessage(bytes)).toBeNull();
      bytes[0] = 0;
      expect(decodeBusMessage(bytes)).toBeNull();
    }
  });

  it('ignores a message type it does not know', () => {
    const bytes = encodeBusMessage({ type: 'comments', from: 'a', rev: 1 });
    bytes[1] = 9;
    expect(decodeBusMessage(bytes)).toBeNull();
  });

  it('ignores every truncation of every message, and trailing bytes', () => {
    for (const message of EVERY_TYPE) {
      const bytes = encodeBusMessage(message);
      for (let length = 0; length < bytes.length; length++) expect(decodeBusMessage(bytes.subarray(0, length))).toBeNull();
      expect(decodeBusMessage(Uint8Array.of(...bytes, 0))).toBeNull();
    }
  });

  it('never throws on random bytes', () => {
    // A fixed-seed generator: a failure here is reproducible.
    let seed = 0x2f6e2b1;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) >>> 24;
    for (let round = 0; round < 5_000; round++) {
      const bytes = Uint8Array.from({ length: next() % 40 }, next);
      if (round % 2 === 0 && bytes.length > 0) bytes[0] = BUS_PROTOCOL_VERSION;
      const decoded = decodeBusMessage(bytes);
      if (decoded) expect(['update', 'stored', 'awareness', 'deleted', 'comments']).toContain(decoded.type);
    }
  });
});
