// The sync endpoint's sockets before their key is verified. The map and key are checked at the HTTP
// upgrade, before the websocket handshake is completed: a client must not send a frame before the
// handshake completes (RFC 6455, 4.1), so until then nothing it sends is read, and a byte that comes
// anyway ends the socket at once. Nothing a client without a key sends is ever held.
//
// Refusals are still websocket closes (4401, 4503, 1012; the stock client takes a failed handshake
// for a network error and retries forever), completed by a second websocket server that accepts
// frames of at most 1 KiB (a larger or malformed frame cuts the socket off at once) and cuts off a
// socket whose close handshake has not completed within `refusalCloseMs`.
//
// Every socket counts against its address and the process from its upgrade until it is closed:
// unverified ones (being checked or refused) against `maxUnverifiedPerAddress` / `maxUnverified`,
// all of them against `maxConnectionsPerAddress` / `maxConnections`. One past a cap is refused with
// 4503 (the client comes back later); past twice an unverified cap, a flood, the socket is dropped
// unanswered.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { clientAddress } from '../http/guards';
import type { Limits } from '../limits';
import { CLOSE } from './messages';

/** What the check of a socket's map and key decided: a close, or the socket goes on. */
export interface Refusal {
  refuse: number;
  reason: string;
}

const isRefusal = (value: unknown): value is Refusal => typeof value === 'object' && value !== null && 'refuse' in value;

/** Frames a refused socket may send (its close frame is 2 + 123 bytes at most). */
const REFUSAL_MAX_PAYLOAD = 1024;
const NOTHING = Buffer.alloc(0);

interface Counts {
  unverified: number;
  total: number;
}

export class Admission {
  private readonly byAddress = new Map<string, Counts>();
  /** Sockets of the process being checked or refused. */
  unverified = 0;
  /** Every socket of the process, from its upgrade until it is closed. */
  total = 0;
  private readonly refusals: WebSocketServer;

  constructor(
    private readonly limits: Limits,
    private readonly options: {
      trustProxy: boolean;
      /** Picks the protocol of the handshake from those offered (as the main server does). */
      handleProtocols: (protocols: Set<string>) => string | false;
    },
  ) {
    this.refusals = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: REFUSAL_MAX_PAYLOAD,
      handleProtocols: options.handleProtocols,
    });
  }

  /**
   * Takes one HTTP upgrade request. `check` looks at its map and key (it is called once, and given
   * at most `keyCheckTimeoutMs`); `accept` completes the handshake of a socket it let through.
   */
  admit<T>(req: IncomingMessage, socket: Duplex, head: Buffer, check: () => Promise<T | Refusal>, accept: (value: T) => void): void {
    const { limits } = this;
    const address = clientAddress(req, this.options.trustProxy);
    const counts = this.byAddress.get(address) ?? { unverified: 0, total: 0 };
    // From the first moment: an 'error' with no listener would be thrown, and stop the process.
    socket.on('error', () => socket.destroy());
    if (counts.unverified >= 2 * limits.maxUnverifiedPerAddress || this.unverified >= 2 * limits.maxUnverified) {
      socket.destroy(); // a flood: not even a refusal
      return;
    }
    this.byAddress.set(address, counts);
    counts.unverified++;
    counts.total++;
    this.unverified++;
    this.total++;
    let verified = false;
    let released = false;
    socket.once('close', () => {
      released = true;
      if (!verified) {
        counts.unverified--;
        this.unverified--;
      }
      counts.total--;
      this.total--;
      if (counts.total === 0) this.byAddress.delete(address);
    });
    if (head.length > 0) {
      socket.destroy(); // it spoke before the handshake
      return;
    }
    // Any byte before the handshake is completed ends the socket: nothing of it is kept.
    const early = () => socket.destroy();
    socket.on('data', early);

    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    const refuse = (code: number, reason: string) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      socket.off('data', early);
      if (released || socket.destroyed) return;
      this.refusals.handleUpgrade(req, socket, NOTHING, (ws) => {
        const cut = setTimeout(() => ws.terminate(), limits.refusalCloseMs);
        cut.unref();
        ws.once('close', () => clearTimeout(cut));
        // A frame too large for a refused socket, or one that is malformed: gone at once.
        ws.on('error', () => ws.terminate());
        ws.close(code, reason);
      });
    };

    if (counts.unverified > limits.maxUnverifiedPerAddress || counts.total > limits.maxConnectionsPerAddress) {
      return refuse(CLOSE.unavailable, 'too many connections from this address');
    }
    if (this.unverified > limits.maxUnverified || this.total > limits.maxConnections) return refuse(CLOSE.unavailable, 'server full');

    timer = setTimeout(() => refuse(CLOSE.unavailable, 'the key could not be checked in time'), limits.keyCheckTimeoutMs);
    timer.unref();
    check().then(
      (result) => {
        if (isRefusal(result)) return refuse(result.refuse, result.reason);
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        socket.off('data', early);
        if (released || socket.destroyed) return;
        verified = true;
        counts.unverified--;
        this.unverified--;
        accept(result);
      },
      (error: unknown) => {
        console.error('sync connection error:', error);
        refuse(CLOSE.unavailable, 'server error');
      },
    );
  }
}
