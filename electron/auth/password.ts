import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's work factors; they travel inside every hash so they can be raised later. */
export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}

/**
 * N = 2^17, r = 8, p = 1: about half a second and 128 MiB per guess on an office PC, so a stolen
 * users table costs an attacker the same for every word tried. Hashes made with less are
 * re-hashed at the next successful sign-in.
 */
export const PASSWORD_COST: Readonly<PasswordCost> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const KEYLEN = 32;
/** Hashes with more than this are refused unread: a forged row must not make a sign-in eat the PC's memory. */
const MAX_N = 2 ** 20;

let current: PasswordCost = PASSWORD_COST;

/**
 * The test suite creates hundreds of users; it lowers the cost for speed (null restores the real
 * one). Tests of the cost itself and of the upgrade set it back first.
 */
export function setPasswordCostForTests(cost: PasswordCost | null): void {
  current = cost ?? PASSWORD_COST;
}

export function passwordCost(): Readonly<PasswordCost> {
  return current;
}

/** Full scrypt verifications done by this process: tests assert that every sign-in does exactly one. */
export const passwordWork = { verifications: 0 };

function options(c: PasswordCost): ScryptOptions {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below N = 2^17.
  return { N: c.N, r: c.r, p: c.p, maxmem: 128 * c.N * c.r + 16 * 1024 * 1024 };
}

function format(c: PasswordCost, salt: Buffer, hash: Buffer): string {
  return `scrypt$${c.N}$${c.r}$${c.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

interface Parsed {
  cost: PasswordCost;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(cost.N) && cost.N > 1 && (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N > MAX_N || !Number.isInteger(cost.r) || cost.r < 1 || cost.r > 32 || !Number.isInteger(cost.p) || cost.p < 1 || cost.p > 16) return null;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16) return null;
  return { cost, salt: Buffer.from(salt, 'base64'), hash: expected };
}

/** `scrypt$N$r$p$salt$hash` (base64). Synchronous, for setting a password (an admin's rare act). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return format(current, salt, scryptSync(password.normalize('NFC'), salt, KEYLEN, options(current)));
}

function scryptAsync(password: string, salt: Buffer, length: number, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, o, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** As hashPassword, on libuv's thread pool: the main process keeps answering meanwhile. */
export async function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16);
  return format(current, salt, await scryptAsync(password.normalize('NFC'), salt, KEYLEN, options(current)));
}

export function verifyPassword(password: string, stored: string): boolean {
  const h = parse(stored);
  if (!h) return false;
  passwordWork.verifications++;
  const actual = scryptSync(password.normalize('NFC'), h.salt, h.hash.length, options(h.cost));
  return timingSafeEqual(actual, h.hash);
}

/** As verifyPassword, without blocking the main process for the half second it takes. */
export async function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  passwordWork.verifications++;
  const actual = await scryptAsync(password.normalize('NFC'), h.salt, h.hash.length, options(h.cost));
  return timingSafeEqual(actual, h.hash);
}

/** A hash made with less work than today's (or unreadable): replace it when the password is known. */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  if (!h) return true;
  return h.cost.N < current.N || h.cost.r < current.r || h.cost.p < current.p;
}

/**
 * A hash no password matches, at today's cost: checked instead of the real one for an unknown,
 * inactive or locked-out name, so every refusal costs the same full verification.
 */
export function unmatchableHash(): string {
  return format(current, randomBytes(16), randomBytes(KEYLEN));
}
