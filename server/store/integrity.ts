// Stored bytes are checked before they are served. Every snapshot and update is kept with its
// CRC-32, written beside it and compared when it is read back; and a snapshot must decode to about
// the size it has: a damaged one (zeroed bytes, say) can still decode without an error, as an almost
// empty map, which would be served and then compacted over the real one. Damaged data is refused
// (the map does not open: clients get 4503), and its bytes stay as they are in the database.
import * as zlib from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

// zlib.crc32 came with Node 20.15 / 22.2; before that, the same CRC-32 (IEEE) from a table.
let table: Uint32Array | undefined;
function crc32Table(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The CRC-32 of stored bytes (an unsigned 32-bit number, as kept in the `crc` columns). */
export const checksum: (bytes: Uint8Array) => number = native ? (bytes) => native(bytes) : crc32Table;

/** Stored data that fails its checks. Its message says which map, what and why. */
export class DamagedData extends Error {
  constructor(
    readonly mapId: string,
    what: string,
  ) {
    super(`map ${mapId}: the stored data is damaged (${what}); the map is not opened and its bytes are kept as they are`);
    this.name = 'DamagedData';
  }
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/** Throws DamagedData unless the bytes match the checksum stored with them. A null checksum is a
 * row written by a version that kept none: not checked. */
export function verifyChecksum(mapId: string, what: string, bytes: Uint8Array, stored: number | null): void {
  if (stored === null) return;
  const actual = checksum(bytes);
  if (actual !== stored) throw new DamagedData(mapId, `${what} of ${bytes.byteLength} bytes fails its checksum: stored ${hex(stored)}, read ${hex(actual)}`);
}

/** A snapshot "decodes to far less than its size" when it is over 1 KiB and the Yjs decoder reads
 * less than a quarter of it. A snapshot as written (Y.encodeStateAsUpdate) is read to its last byte;
 * zeroed bytes read as an empty update of 2 bytes and leave the rest unread. */
export const SMALL_SNAPSHOT_BYTES = 1024;
export const MIN_DECODED_SHARE = 1 / 4;

/**
 * Applies a stored snapshot to a document (as Y.applyUpdate does, in the same single pass), then
 * throws DamagedData if the decoder read far less than the snapshot's size.
 */
export function applySnapshot(doc: Y.Doc, mapId: string, snapshot: Uint8Array, origin: unknown): void {
  const decoder = decoding.createDecoder(snapshot);
  Y.readUpdate(decoder, doc, origin);
  const read = decoder.pos;
  if (snapshot.byteLength > SMALL_SNAPSHOT_BYTES && read < snapshot.byteLength * MIN_DECODED_SHARE) {
    throw new DamagedData(mapId, `the snapshot of ${snapshot.byteLength} bytes decodes as ${read} bytes`);
  }
}
