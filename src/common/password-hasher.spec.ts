import { loadConfiguration } from '../config/configuration.js';
import { hashSecret, PasswordHasher } from './password-hasher.js';

const LOW = { cost: 2 ** 10, blockSize: 8, parallelism: 1 };

function hasher(variables: Record<string, string> = {}): PasswordHasher {
  return new PasswordHasher(
    loadConfiguration({ NODE_ENV: 'test', PASSWORD_SCRYPT_COST: '4096', ...variables }),
  );
}

describe(PasswordHasher.name, () => {
  it('hashes with scrypt, the parameters in the hash, and verifies', async () => {
    const stored = await hasher().hashPassword('steerkes-demo');
    expect(stored).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(hasher().verifyPassword('steerkes-demo', stored)).resolves.toEqual({
      matches: true,
      needsRehash: false,
    });
    await expect(hasher().verifyPassword('steerkes-demO', stored)).resolves.toEqual({
      matches: false,
      needsRehash: false,
    });
  });

  it('defaults to OWASP scrypt N=2^17, r=8, p=1 outside tests (Node maxmem raised for it)', async () => {
    const production = new PasswordHasher(loadConfiguration({}));
    const stored = await production.hashPassword('x');
    expect(stored.startsWith('scrypt$131072$8$1$')).toBe(true);
    await expect(production.verifyPassword('x', stored)).resolves.toEqual({
      matches: true,
      needsRehash: false,
    });
  });

  it('says an older-parameter hash needs a rehash, only when it matches', async () => {
    const old = await hashSecret('scrypt', 'secret-password', LOW);
    await expect(hasher().verifyPassword('secret-password', old)).resolves.toEqual({
      matches: true,
      needsRehash: true,
    });
    await expect(hasher().verifyPassword('wrong', old)).resolves.toEqual({
      matches: false,
      needsRehash: false,
    });
  });

  it('salts every hash', async () => {
    expect(await hasher().hashPassword('x')).not.toBe(await hasher().hashPassword('x'));
  });

  it.each(['md5$abc', 'scrypt$999999999$8$1$AA==$AA==', 'scrypt$1024$8$1$AA==', ''])(
    'answers false for the unknown or implausible hash %p',
    async (stored) => {
      await expect(hasher().verifyPassword('x', stored)).resolves.toEqual({
        matches: false,
        needsRehash: false,
      });
    },
  );

  it('peppers PINs: another pepper does not verify, a PIN hash is no password hash', async () => {
    const stored = await hasher({ PIN_PEPPER: 'pepper-one' }).hashPin('1234');
    expect(stored.startsWith('scrypt-hmac$')).toBe(true);
    expect((await hasher({ PIN_PEPPER: 'pepper-one' }).verifyPin('1234', stored)).matches).toBe(
      true,
    );
    expect((await hasher({ PIN_PEPPER: 'pepper-two' }).verifyPin('1234', stored)).matches).toBe(
      false,
    );
    expect(
      (await hasher({ PIN_PEPPER: 'pepper-one' }).verifyPassword('1234', stored)).matches,
    ).toBe(false);
  });

  it('still verifies a PIN hashed before the pepper, and asks for its rehash', async () => {
    const legacy = await hashSecret('scrypt', '1234', LOW);
    await expect(hasher().verifyPin('1234', legacy)).resolves.toEqual({
      matches: true,
      needsRehash: true,
    });
    expect((await hasher().verifyPin('4321', legacy)).matches).toBe(false);
  });
});
