// Password hashes verify on every runtime: natively through WebCrypto, and in JavaScript where the
// runtime refuses PBKDF2's iteration count (Cloudflare's production Workers cap it at 100,000).
import { describe, expect, it } from 'vitest';
import { derive, hashPassword, PASSWORD_ITERATIONS, verifyPassword } from '../../db/password';

/** WebCrypto as Cloudflare's production runtime has it: PBKDF2 above 100,000 iterations refused. */
const cappedSubtle = new Proxy(crypto.subtle, {
  get(target, name) {
    if (name !== 'deriveBits') return Reflect.get(target, name).bind(target);
    return (algorithm: Pbkdf2Params, key: CryptoKey, length: number) => {
      if (algorithm.iterations > 100_000)
        return Promise.reject(
          new DOMException('PBKDF2 requested iterations exceeds 100000', 'NotSupportedError'),
        );
      return target.deriveBits(algorithm, key, length);
    };
  },
});

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('password hashes', () => {
  it('verify the right password and refuse a wrong or malformed one', async () => {
    const stored = await hashPassword('村里的好干部', 1_000);
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('村里的好干部', stored)).toBe(true);
    expect(await verifyPassword('村里的好干部 ', stored)).toBe(false);
    expect(await verifyPassword('村里的好干部', stored.replace('pbkdf2-sha256', 'md5'))).toBe(
      false,
    );
    expect(await verifyPassword('村里的好干部', 'pbkdf2-sha256$1000$')).toBe(false);
  });

  it('are PBKDF2-HMAC-SHA256 (RFC 7914, section 11)', async () => {
    const bits = await derive('passwd', new TextEncoder().encode('salt'), 1);
    expect(hex(bits)).toBe('55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc');
  });

  it('use 600,000 iterations (OWASP) and verify where WebCrypto refuses that many', async () => {
    const stored = await hashPassword('zhucun-demo');
    const [, iterations, salt, hash] = stored.split('$');
    expect(Number(iterations)).toBe(PASSWORD_ITERATIONS);
    expect(PASSWORD_ITERATIONS).toBe(600_000);
    const computed = await derive(
      'zhucun-demo',
      fromBase64(salt!),
      PASSWORD_ITERATIONS,
      cappedSubtle,
    );
    expect(hex(computed)).toBe(hex(fromBase64(hash!)));
    const wrong = await derive('zhucun-dem0', fromBase64(salt!), PASSWORD_ITERATIONS, cappedSubtle);
    expect(hex(wrong)).not.toBe(hex(fromBase64(hash!)));
  });

  it('do not hide a refusal below the cap: that is a real fault', async () => {
    const broken = new Proxy(crypto.subtle, {
      get: (target, name) =>
        name === 'deriveBits'
          ? () => Promise.reject(new Error('no PBKDF2 here'))
          : Reflect.get(target, name).bind(target),
    });
    await expect(derive('x', new Uint8Array(16), 1_000, broken)).rejects.toThrow('no PBKDF2 here');
  });
});
