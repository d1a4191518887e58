// Who a workshop participant is, without accounts: the browser keeps a random secret and sends it in
// the X-Participant header; the server (server/workshop.ts) and the document only ever see the public
// id derived from it, so nobody can vote or write a private card as someone else without their secret.
// Pure and synchronous: SHA-256 from @noble/hashes, because Web Crypto's digest exists only in secure
// contexts, and a workshop room opens the map over plain http on the room's network address.

import { sha256 } from '@noble/hashes/sha2';

/** Secrets are 16 to 64 URL-safe base64 characters (a new one is 32: 192 random bits). */
const SECRET = /^[A-Za-z0-9_-]{16,64}$/;
/** The hash is domain-separated, so the id of a secret is no hash anyone else computes of it. */
const DOMAIN = 'touchpoint-participant:';
/** 12 bytes (96 bits, 16 characters) of the hash: enough that two people never share an id. */
const ID_BYTES = 12;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function isParticipantSecret(s: unknown): s is string {
  return typeof s === 'string' && SECRET.test(s);
}

/** A new secret for this browser to keep (in localStorage) and send as X-Participant. */
export function newParticipantSecret(): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(24)));
}

/** The public participant id of a secret: base64url of the first 12 bytes of SHA-256(DOMAIN + secret). */
export function participantIdOf(secret: string): string {
  return base64url(sha256(new TextEncoder().encode(DOMAIN + secret)).slice(0, ID_BYTES));
}
