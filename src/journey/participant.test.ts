import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isParticipantSecret, newParticipantSecret, participantIdOf } from './participant';

describe('participant identity', () => {
  it('makes secrets of 192 random bits, URL-safe, each new', () => {
    const secrets = new Set(Array.from({ length: 200 }, newParticipantSecret));
    expect(secrets.size).toBe(200);
    for (const s of secrets) {
      expect(s).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(isParticipantSecret(s)).toBe(true);
      expect(Buffer.from(s, 'base64url').byteLength).toBe(24);
    }
  });

  it('accepts 16 to 64 base64url characters and nothing else', () => {
    expect(isParticipantSecret('a'.repeat(16))).toBe(true);
    expect(isParticipantSecret('A-_9'.repeat(16))).toBe(true);
    for (const bad of ['a'.repeat(15), 'a'.repeat(65), 'abc+defghijklmnopq', 'abc/defghijklmnopq', 'abcdefghijklmnop=', 'abcdefghijklmnop ', '', 42, null, undefined, ['a'.repeat(20)]]) {
      expect(isParticipantSecret(bad), String(bad)).toBe(false);
    }
  });

  it('derives the public id as base64url of the first 12 bytes of SHA-256("touchpoint-participant:" + secret)', async () => {
    const secret = 'n3v3r-Gu3ss_This-s3cret';
    const expected = createHash('sha256').update(`touchpoint-participant:${secret}`).digest().subarray(0, 12).toString('base64url');
    const id = participantIdOf(secret);
    expect(id).toBe(expected);
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // The id is not the secret nor a plain hash of it that someone could have computed elsewhere.
    expect(id).not.toBe(createHash('sha256').update(secret).digest().subarray(0, 12).toString('base64url'));
  });

  it('gives one id per secret, and different secrets different ids', async () => {
    const a = newParticipantSecret();
    const b = newParticipantSecret();
    expect(participantIdOf(a)).toBe(participantIdOf(a));
    expect(participantIdOf(a)).not.toBe(participantIdOf(b));
  });
});
