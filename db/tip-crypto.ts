// Encryption of tips at rest and their receipt codes, through WebCrypto only (Node and Workers).
// Content is JSON sealed with AES-256-GCM under TIP_ENCRYPTION_KEY: a random 96-bit iv per message,
// stored in front of the ciphertext, and the key's id beside it, so older keys can still open what
// they sealed after a rotation. A receipt code is 100 random bits; only its HMAC is stored, keyed
// from the tip key, so a database dump alone cannot be searched for codes offline.

/** One tip key: AES-GCM for content, and an HMAC key derived from it for receipt codes. */
export interface TipKey {
  /** First 8 hex digits of the SHA-256 of the raw key: stored with every ciphertext. */
  id: string;
  key: CryptoKey;
  receiptKey: CryptoKey;
}

/** The key that seals new content, and every key that may open old content, by id. */
export interface TipKeyring {
  current: TipKey;
  byId: ReadonlyMap<string, TipKey>;
}

/** What a sealed value is stored as: the key's id and base64 of iv ‖ AES-GCM ciphertext. */
export interface Sealed {
  keyId: string;
  ciphertext: string;
}

export class UnknownTipKeyError extends Error {
  override name = 'UnknownTipKeyError';
  constructor(readonly keyId: string) {
    super(`no tip key with id ${keyId} in the keyring`);
  }
}

export class TipDecryptionError extends Error {
  override name = 'TipDecryptionError';
  constructor(readonly keyId: string) {
    super(`tip content sealed with key ${keyId} does not open: wrong key, context or tampered`);
  }
}

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Imports one raw 32-byte key (TIP_ENCRYPTION_KEY decoded). */
export async function importTipKey(raw: Uint8Array): Promise<TipKey> {
  if (raw.length !== 32) throw new RangeError(`a tip key has 32 bytes, not ${raw.length}`);
  const bytes = Uint8Array.from(raw);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const key = await crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
  // A separate key for receipt codes, so the AES key is never used as an HMAC key.
  const base = await crypto.subtle.importKey('raw', bytes, 'HKDF', false, ['deriveKey']);
  const receiptKey = await crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: encoder.encode('zhucun tip receipt code v1'),
    },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  return { id: hex(digest).slice(0, 8), key, receiptKey };
}

/**
 * The keyring: `current` seals; `older` keys (after a rotation) still open what they sealed and
 * still find the receipt codes hashed under them.
 */
export async function tipKeyring(
  current: Uint8Array,
  older: Uint8Array[] = [],
): Promise<TipKeyring> {
  const keys = await Promise.all([current, ...older].map(importTipKey));
  const byId = new Map<string, TipKey>();
  for (const key of keys) if (!byId.has(key.id)) byId.set(key.id, key);
  return { current: keys[0]!, byId };
}

/**
 * Seals a JSON value under the current key. `context` is bound to the ciphertext as additional
 * data (e.g. `tip:<id>`), so a sealed value moved to another row or role no longer opens.
 */
export async function sealJson(
  keyring: TipKeyring,
  value: unknown,
  context: string,
): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    keyring.current.key,
    encoder.encode(JSON.stringify(value)),
  );
  const packed = new Uint8Array(IV_BYTES + cipher.byteLength);
  packed.set(iv);
  packed.set(new Uint8Array(cipher), IV_BYTES);
  return { keyId: keyring.current.id, ciphertext: toBase64(packed) };
}

/** Opens what sealJson sealed with any key of the ring; throws a named error otherwise. */
export async function openJson<T>(
  keyring: TipKeyring,
  sealed: Sealed,
  context: string,
): Promise<T> {
  const tipKey = keyring.byId.get(sealed.keyId);
  if (!tipKey) throw new UnknownTipKeyError(sealed.keyId);
  let packed: Uint8Array;
  try {
    packed = fromBase64(sealed.ciphertext);
  } catch {
    throw new TipDecryptionError(sealed.keyId);
  }
  if (packed.length < IV_BYTES + 16) throw new TipDecryptionError(sealed.keyId);
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: packed.slice(0, IV_BYTES),
        additionalData: encoder.encode(context),
      },
      tipKey.key,
      packed.slice(IV_BYTES),
    );
    return JSON.parse(decoder.decode(plain)) as T;
  } catch {
    throw new TipDecryptionError(sealed.keyId);
  }
}

// --- receipt codes -------------------------------------------------------------------------------

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 20 characters × 5 bits = 100 random bits. */
export const RECEIPT_CODE_LENGTH = 20;

/** A new receipt code, 20 characters of Crockford base32 (100 bits), without dashes. */
export function newReceiptCode(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const bytes = crypto.getRandomValues(new Uint8Array(RECEIPT_CODE_LENGTH));
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** For reading: XXXX-XXXX-XXXX-XXXX-XXXX. */
export function formatReceiptCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * The canonical code from what a person typed: any case, with or without dashes or spaces, and
 * the letters people confuse with digits (I and L for 1, O for 0). Null when it cannot be a code.
 */
export function normaliseReceiptCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―－_]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (code.length !== RECEIPT_CODE_LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

/** The hash stored for a canonical code, under one key. */
export async function receiptHash(key: TipKey, code: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key.receiptKey, encoder.encode(`receipt:${code}`));
  return hex(new Uint8Array(mac));
}

/** The hashes a code may be stored under: one per key of the ring, current first. */
export async function receiptHashes(keyring: TipKeyring, code: string): Promise<string[]> {
  return Promise.all([...keyring.byId.values()].map((key) => receiptHash(key, code)));
}

// --- bytes ---------------------------------------------------------------------------------------

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
