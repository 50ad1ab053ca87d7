import { hashPassword, verifyPassword } from './password-hasher.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('steerkes-demo');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('steerkes-demo');
    await expect(verifyPassword('steerkes-demo', stored)).resolves.toBe(true);
    await expect(verifyPassword('steerkes-demO', stored)).resolves.toBe(false);
  });

  it('salts: the same password never hashes the same twice', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('refuses a stored value it does not understand', async () => {
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });
});
