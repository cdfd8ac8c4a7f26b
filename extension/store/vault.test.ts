import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDb } from './test-db';
import { decryptSecret, encryptSecret } from './vault';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345';

const contains = (hay: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

describe('vault', () => {
  it('keeps one non-extractable AES-GCM key whose bytes cannot be read', async () => {
    const d = freshDb();
    await encryptSecret(KEY, d);
    await encryptSecret('another', d);
    const rows = await d.vault.toArray();
    expect(rows).toHaveLength(1);
    const key = rows[0]!.key;
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
  });

  it('round-trips a secret; the ciphertext holds no plaintext, and each encryption uses a fresh IV', async () => {
    const d = freshDb();
    const a = await encryptSecret(KEY, d);
    const b = await encryptSecret(KEY, d);
    expect(await decryptSecret(a, d)).toBe(KEY);
    expect(await decryptSecret(b, d)).toBe(KEY);
    expect(contains(a.data, new TextEncoder().encode(KEY))).toBe(false);
    expect(contains(a.data, new TextEncoder().encode('sk-proj'))).toBe(false);
    expect(a.iv).toHaveLength(12);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
  });

  it('refuses a tampered ciphertext with an error that says what to do', async () => {
    const d = freshDb();
    const blob = await encryptSecret(KEY, d);
    const data = blob.data.slice();
    data[3] = data[3]! ^ 0x01;
    const err = await decryptSecret({ iv: blob.iv, data }, d).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CvPathError', code: 'PROVIDER_CONFIG' });
    expect((err as Error & { hint: string }).hint).toMatch(/Enter the provider's API key again/);
    await expect(decryptSecret({ iv: blob.iv.map((x, i) => (i ? x : x ^ 1)), data: blob.data }, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
  });

  it('cannot decrypt once the vault key is gone (after "delete all data")', async () => {
    const d = freshDb();
    const blob = await encryptSecret(KEY, d);
    await d.vault.clear();
    await expect(decryptSecret(blob, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
    const fresh = await encryptSecret(KEY, d); // a new key is made for new secrets
    expect(await decryptSecret(fresh, d)).toBe(KEY);
    await expect(decryptSecret(blob, d)).rejects.toMatchObject({ code: 'PROVIDER_CONFIG' });
  });

  it('makes one key when two first encryptions race', async () => {
    const d = freshDb();
    const [a, b] = await Promise.all([encryptSecret('one', d), encryptSecret('two', d)]);
    expect(await d.vault.count()).toBe(1);
    expect(await decryptSecret(a, d)).toBe('one');
    expect(await decryptSecret(b, d)).toBe('two');
  });
});
