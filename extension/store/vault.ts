import { CvPathError } from '../../shared/errors';
import { db, type CvPathDb } from './db';

/** An API key encrypted with the vault key: the IV (fresh per encryption) and the AES-GCM ciphertext with its tag. */
export interface SecretBlob {
  iv: Uint8Array;
  data: Uint8Array;
}

const ALGORITHM = { name: 'AES-GCM', length: 256 } as const;

/**
 * The vault key: AES-GCM 256, generated once, non-extractable, and stored as a CryptoKey object (IndexedDB keeps the
 * handle; no code, ours included, can read its bytes). Read from the database on every use rather than cached, so a
 * page that wiped the data and made a new key never leaves another context encrypting with the old one.
 */
async function vaultKey(d: CvPathDb): Promise<CryptoKey> {
  const stored = await d.vault.get('vault');
  if (stored?.key) return stored.key;
  // WebCrypto must not run inside a Dexie transaction (the transaction would commit while it waits), so the key is
  // made first; a context that stored one meanwhile wins, and this one is dropped
  const fresh = await crypto.subtle.generateKey(ALGORITHM, false, ['encrypt', 'decrypt']);
  return d.transaction('rw', d.vault, async () => {
    const again = await d.vault.get('vault');
    if (again?.key) return again.key;
    await d.vault.add({ id: 'vault', key: fresh });
    return fresh;
  });
}

export async function encryptSecret(text: string, d: CvPathDb = db()): Promise<SecretBlob> {
  const key = await vaultKey(d);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
  return { iv, data };
}

export async function decryptSecret(blob: SecretBlob, d: CvPathDb = db()): Promise<string> {
  const stored = await d.vault.get('vault');
  if (!stored?.key) throw unreadable();
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: blob.iv as Uint8Array<ArrayBuffer> }, stored.key, blob.data as Uint8Array<ArrayBuffer>);
    return new TextDecoder().decode(plain);
  } catch (e) {
    // a wrong key or a changed byte: GCM's tag check refuses both, and says nothing more
    throw unreadable(e);
  }
}

const unreadable = (cause?: unknown) =>
  new CvPathError('PROVIDER_CONFIG', 'A saved API key could not be decrypted: it was changed, or the key store was reset.', {
    hint: "Enter the provider's API key again in CVPath's options.",
    cause,
  });
