// Password hashes for users.password_hash: PBKDF2-HMAC-SHA256, so the same hashes verify on Node and
// on Workers. Stored as 'pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>'.
//
// WebCrypto computes it natively, except on Cloudflare's Workers, which refuse PBKDF2 above 100,000
// iterations (workerd on a laptop does not; only production does). There the same function is
// computed in audited JavaScript (@noble/hashes): the same bits, at about 0.8 s of CPU for 600,000
// iterations — once per sign-in, within the Workers Paid plan's CPU limit. Lowering the count for
// everyone to fit would weaken every stored password six times over.
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** OWASP's recommendation for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet). */
export const PASSWORD_ITERATIONS = 600_000;

export async function hashPassword(
  password: string,
  iterations = PASSWORD_ITERATIONS,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) return false;
  const expected = fromBase64(hash);
  const actual = await derive(password, fromBase64(salt), Number(iterations));
  // Constant-time comparison.
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) diff |= expected[i]! ^ (actual[i] ?? 0);
  return diff === 0;
}

/** The cap of Cloudflare's production runtime on WebCrypto's PBKDF2 iterations. */
const WORKERS_PBKDF2_CAP = 100_000;

export async function derive(
  password: string,
  salt: Uint8Array,
  iterations: number,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<Uint8Array> {
  try {
    return await deriveNatively(subtle, password, salt, iterations);
  } catch (error) {
    if (iterations <= WORKERS_PBKDF2_CAP) throw error;
    return pbkdf2Async(sha256, password, salt, { c: iterations, dkLen: 32 });
  }
}

async function deriveNatively(
  subtle: SubtleCrypto,
  password: string,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
