// Hostile clients for the server tests and benchmarks (not shipped): raw TCP sockets that open the
// sync endpoint with a wrong key and push the header of a huge frame and megabytes of its payload,
// then stall, as in issue 11. They write only as fast as the kernel takes the bytes (one shared
// chunk, never copied), so whatever memory grows is the server's, not theirs.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { SCHEMA_VERSION } from '../../src/journey/types';

export interface FrameAttack {
  socket: Socket;
  /** Bytes of the frame (header and payload) handed to the kernel so far. */
  sent(): number;
  /** Whether the server completed the handshake (answered 101). */
  upgraded(): boolean;
  /** The code of the close frame that followed the 101, if one came with it. */
  closeCode(): number | undefined;
  /** Settles when the socket is closed, with the time it closed (performance.now()). */
  closed: Promise<number>;
  /** Settles once the attacker is done pushing: closed, stalled (the kernel took nothing for
   * `stallMs`) or all of `payloadBytes` sent. */
  done: Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x41);

/** A client frame header: binary, final, masked, with a 64-bit payload length. */
export function frameHeader(payloadBytes: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x82;
  header[1] = 0x80 | 127;
  header.writeBigUInt64BE(BigInt(payloadBytes), 2);
  randomBytes(4).copy(header, 10);
  return header;
}

/**
 * Opens `/sync/<mapId>` with the `key.<key>` protocol and pushes a frame of `frameBytes`, of which it
 * sends `payloadBytes`, then stalls (keeps the socket open, sends nothing more). `pipelined`: the
 * frame follows the request at once, without waiting for the server's 101 (no real client does
 * that); else it is sent once the handshake is complete, as a client would. With `frameBytes` 0 it
 * sends nothing after its request, and never answers a close.
 */
export function frameAttack(options: {
  port: number;
  host?: string;
  localAddress?: string;
  mapId: string;
  key: string;
  frameBytes: number;
  payloadBytes: number;
  pipelined: boolean;
  stallMs?: number;
}): FrameAttack {
  const host = options.host ?? '127.0.0.1';
  const socket = connect({ port: options.port, host, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
  let sent = 0;
  let upgraded = false;
  let closeCode: number | undefined;
  let response = '';
  let pushing = false;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  let stallTimer: NodeJS.Timeout | undefined;
  const stalled = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(finish, options.stallMs ?? 300);
  };
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      clearTimeout(stallTimer);
      finish();
      resolve(performance.now());
    }),
  );
  socket.on('error', () => {});
  const pump = () => {
    clearTimeout(stallTimer);
    while (!socket.destroyed && sent < options.payloadBytes + 14) {
      const ok = socket.write(CHUNK);
      sent += CHUNK.length;
      if (!ok) {
        stalled();
        socket.once('drain', pump);
        return;
      }
    }
    finish();
  };
  const start = () => {
    if (options.frameBytes === 0) return finish();
    if (pushing) return;
    pushing = true;
    socket.write(frameHeader(options.frameBytes));
    sent += 14;
    pump();
  };
  socket.on('connect', () => {
    socket.write(
      `GET /sync/${options.mapId}?schema=${SCHEMA_VERSION} HTTP/1.1\r\nHost: ${host}:${options.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: key.${options.key}\r\n\r\n`,
    );
    if (options.pipelined) start();
  });
  socket.on('data', (chunk: Buffer) => {
    if (closeCode !== undefined || response.length > 4096) return;
    response += chunk.toString('latin1');
    const end = response.indexOf('\r\n\r\n');
    if (end < 0) return;
    if (!upgraded) {
      upgraded = response.startsWith('HTTP/1.1 101');
      if (upgraded && !options.pipelined) start();
    }
    // A close frame from the server: 0x88, its length, then the code.
    const frame = Buffer.from(response.slice(end + 4), 'latin1');
    if (frame.length >= 4 && frame[0] === 0x88) closeCode = frame.readUInt16BE(2);
  });
  return { socket, sent: () => sent, upgraded: () => upgraded, closeCode: () => closeCode, closed, done };
}
