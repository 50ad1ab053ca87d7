import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';

/** scrypt's parameters, stored with every hash so that they can be raised without a reset. */
export interface ScryptParameters {
  cost: number;
  blockSize: number;
  parallelism: number;
}

/** OWASP: r=8, p=1 with N chosen by configuration (2^17 in production). */
const SCRYPT_BLOCK_SIZE = 8;
const SCRYPT_PARALLELISM = 1;
/**
 * A PIN's cost stays at 2^14 (16 MiB): four to six digits are no secret to any cost, the pepper
 * is what protects them, and a redemption at the counter must stay quick.
 */
const PIN_SCRYPT_COST_MAX = 2 ** 14;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** What we accept from a stored hash: a tampered row must not make one check eat the server. */
const STORED_COST_MAX = 2 ** 20;
const STORED_BLOCK_SIZE_MAX = 16;
const STORED_PARALLELISM_MAX = 4;

/** A password's hash: `scrypt$N$r$p$salt$key`. */
const PASSWORD_SCHEME = 'scrypt';
/** A PIN's: the same over HMAC-SHA256(pepper, PIN). Plain `scrypt$…` PINs are from before the pepper. */
const PEPPERED_SCHEME = 'scrypt-hmac';

/** Whether a secret matched its stored hash, and whether the hash should be made again (older parameters). */
export interface Verdict {
  matches: boolean;
  needsRehash: boolean;
}

/**
 * Hashing of passwords and PINs with scrypt (node:crypto, no native dependency). Passwords at the
 * configured cost (OWASP's N=2^17 in production); PINs with the server's pepper. A hash made with
 * other parameters (or a PIN without the pepper) still verifies, and says it needs a rehash: the
 * caller stores the new one on the next correct login or PIN.
 */
@Injectable()
export class PasswordHasher {
  private readonly password: ScryptParameters;
  private readonly pin: ScryptParameters;
  private decoyHash: Promise<string> | undefined;

  constructor(@Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration) {
    this.password = {
      cost: configuration.passwordScryptCost,
      blockSize: SCRYPT_BLOCK_SIZE,
      parallelism: SCRYPT_PARALLELISM,
    };
    this.pin = { ...this.password, cost: Math.min(PIN_SCRYPT_COST_MAX, this.password.cost) };
  }

  hashPassword(password: string): Promise<string> {
    return hashSecret(PASSWORD_SCHEME, password, this.password);
  }

  async verifyPassword(password: string, stored: string): Promise<Verdict> {
    const parsed = parseHash(stored);
    if (parsed?.scheme !== PASSWORD_SCHEME) return { matches: false, needsRehash: false };
    const matches = await keyMatches(password, parsed);
    return { matches, needsRehash: matches && !sameParameters(parsed, this.password) };
  }

  /** A hash of a random password: lets a login for an unknown e-mail cost as much as a real one. */
  decoyPasswordHash(): Promise<string> {
    this.decoyHash ??= this.hashPassword(randomBytes(16).toString('hex'));
    return this.decoyHash;
  }

  hashPin(pin: string): Promise<string> {
    return hashSecret(PEPPERED_SCHEME, this.peppered(pin), this.pin);
  }

  async verifyPin(pin: string, stored: string): Promise<Verdict> {
    const parsed = parseHash(stored);
    if (!parsed) return { matches: false, needsRehash: false };
    if (parsed.scheme === PASSWORD_SCHEME) {
      // From before the pepper: a plain scrypt of the PIN.
      const matches = await keyMatches(pin, parsed);
      return { matches, needsRehash: matches };
    }
    if (parsed.scheme !== PEPPERED_SCHEME) return { matches: false, needsRehash: false };
    const matches = await keyMatches(this.peppered(pin), parsed);
    return { matches, needsRehash: matches && !sameParameters(parsed, this.pin) };
  }

  private peppered(pin: string): string {
    return createHmac('sha256', this.configuration.pinPepper).update(pin).digest('base64');
  }
}

interface ParsedHash extends ScryptParameters {
  scheme: string;
  salt: Buffer;
  key: Buffer;
}

/** Hashes a secret with fresh salt; exported for the tests that need an older-parameter hash. */
export async function hashSecret(
  scheme: string,
  secret: string,
  parameters: ScryptParameters,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, parameters);
  return [
    scheme,
    parameters.cost,
    parameters.blockSize,
    parameters.parallelism,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

function parseHash(stored: string): ParsedHash | null {
  const [scheme, cost, blockSize, parallelism, salt, key, ...rest] = stored.split('$');
  const parameters = {
    cost: Number(cost),
    blockSize: Number(blockSize),
    parallelism: Number(parallelism),
  };
  const plausible =
    rest.length === 0 &&
    key !== undefined &&
    Number.isInteger(Math.log2(parameters.cost)) &&
    parameters.cost > 1 &&
    parameters.cost <= STORED_COST_MAX &&
    Number.isInteger(parameters.blockSize) &&
    parameters.blockSize >= 1 &&
    parameters.blockSize <= STORED_BLOCK_SIZE_MAX &&
    Number.isInteger(parameters.parallelism) &&
    parameters.parallelism >= 1 &&
    parameters.parallelism <= STORED_PARALLELISM_MAX;
  if (!plausible) return null;
  return {
    scheme,
    ...parameters,
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  };
}

async function keyMatches(secret: string, stored: ParsedHash): Promise<boolean> {
  const actual = await derive(secret, stored.salt, stored);
  return actual.length === stored.key.length && timingSafeEqual(actual, stored.key);
}

function sameParameters(a: ScryptParameters, b: ScryptParameters): boolean {
  return a.cost === b.cost && a.blockSize === b.blockSize && a.parallelism === b.parallelism;
}

function derive(secret: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const { cost, blockSize, parallelism } = parameters;
  // scrypt needs 128·N·r bytes; Node refuses above maxmem (32 MiB by default, too little for 2^17).
  const maxmem = 2 * 128 * cost * blockSize;
  return new Promise((resolve, reject) => {
    scrypt(
      secret,
      salt,
      KEY_BYTES,
      { N: cost, r: blockSize, p: parallelism, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
