// The bytes of a bus message on Redis (redis.ts): a version byte, the message type, who sent it, then
// the fields of that type, in lib0's variable-length encoding. Instances of different releases share
// the bus during a rolling upgrade, so a receiver must survive anything: `decodeBusMessage` returns
// null for a message of another version, an unknown type, truncated or trailing bytes, and never
// throws. Such a message is only a lost hint (bus.ts): the store repairs whatever it carried.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { BusMessage } from './bus';

/** Raised only by a change a receiver of this release could not read correctly. */
export const BUS_PROTOCOL_VERSION = 1;

/** The type's number on the wire: a record, so that a message type added to bus.ts without its
 * number here does not compile. Numbers are never reused. */
const TAGS: Record<BusMessage['type'], number> = { update: 0, stored: 1, awareness: 2, deleted: 3, comments: 4, version: 5 };
const TYPES = new Map(Object.entries(TAGS).map(([type, tag]) => [tag, type as BusMessage['type']]));

export function encodeBusMessage(message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, BUS_PROTOCOL_VERSION);
  encoding.writeVarUint(encoder, TAGS[message.type]);
  encoding.writeVarString(encoder, message.from);
  switch (message.type) {
    case 'update':
      encoding.writeVarUint(encoder, message.local);
      // 0: not stored yet (seqs start at 1).
      encoding.writeVarUint(encoder, message.seq ?? 0);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'stored':
      encoding.writeVarUint(encoder, message.firstLocal);
      encoding.writeVarUint(encoder, message.lastLocal);
      encoding.writeVarUint(encoder, message.first);
      encoding.writeVarUint(encoder, message.last);
      break;
    case 'awareness':
      encoding.writeUint8(encoder, message.ask ? 1 : 0);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'comments':
      encoding.writeVarUint(encoder, message.rev);
      break;
    case 'version':
      encoding.writeVarUint(encoder, message.at);
      break;
    case 'deleted':
      break;
  }
  return encoding.toUint8Array(encoder);
}

export function decodeBusMessage(bytes: Uint8Array): BusMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    if (bytes.length === 0 || decoding.readUint8(decoder) !== BUS_PROTOCOL_VERSION) return null;
    const type = TYPES.get(decoding.readVarUint(decoder));
    const from = decoding.readVarString(decoder);
    const message = readFields(decoder, type, from);
    return message && !decoding.hasContent(decoder) ? message : null;
  } catch {
    return null;
  }
}

function readFields(decoder: decoding.Decoder, type: BusMessage['type'] | undefined, from: string): BusMessage | null {
  switch (type) {
    case 'update': {
      const local = decoding.readVarUint(decoder);
      const seq = decoding.readVarUint(decoder);
      // A copy: the payload is a view into the received buffer, and a room may hold an update long.
      const update = decoding.readVarUint8Array(decoder).slice();
      return seq ? { type, from, local, seq, update } : { type, from, local, update };
    }
    case 'stored':
      return {
        type,
        from,
        firstLocal: decoding.readVarUint(decoder),
        lastLocal: decoding.readVarUint(decoder),
        first: decoding.readVarUint(decoder),
        last: decoding.readVarUint(decoder),
      };
    case 'awareness': {
      const ask = decoding.readUint8(decoder) === 1;
      const update = decoding.readVarUint8Array(decoder).slice();
      return ask ? { type, from, update, ask } : { type, from, update };
    }
    case 'comments':
      return { type, from, rev: decoding.readVarUint(decoder) };
    case 'version':
      return { type, from, at: decoding.readVarUint(decoder) };
    case 'deleted':
      return { type, from };
    default:
      return null;
  }
}
