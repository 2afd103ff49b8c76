/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), with node:crypto only: the
 * code an authenticator app shows for the secret Cognito gave at MFA setup.
 */
/* eslint-disable no-bitwise -- base32 and HOTP truncation are bit manipulation by definition */
import { createHmac } from 'node:crypto';

/** The HMAC algorithms RFC 6238 names. Cognito uses SHA-1. */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** TOTP parameters; Cognito's are the defaults. */
export interface TotpOptions {
  /** @default 30 */
  readonly stepSeconds?: number;
  /** @default 6 */
  readonly digits?: number;
  /** @default 'sha1' */
  readonly algorithm?: TotpAlgorithm;
}

/** The TOTP time step Cognito uses (30 s), in milliseconds. */
export const TOTP_STEP_MS = 30_000;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decodes RFC 4648 base32 (the form of Cognito's SecretCode): case-insensitive, spaces and
 * `=` padding ignored, any other character rejected.
 */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`TOTP secret must be base32 (A-Z, 2-7), got the character '${ch}'; copy the secret exactly as shown at MFA setup`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** HOTP (RFC 4226): dynamic truncation of HMAC(key, counter as 8 big-endian bytes). */
export function hotp(key: Buffer, counter: bigint, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) throw new Error(`HOTP digits must be an integer from 6 to 10, got ${digits}`);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** TOTP (RFC 6238) at a Unix time in seconds. */
export function totp(key: Buffer, unixSeconds: number, options: TotpOptions = {}): string {
  const step = options.stepSeconds ?? 30;
  if (!(step > 0)) throw new Error(`TOTP step must be positive, got ${step}`);
  return hotp(key, BigInt(Math.floor(unixSeconds / step)), options.digits ?? 6, options.algorithm ?? 'sha1');
}

/** The current 6-digit code for a base32 secret, as Cognito expects it. */
export function totpNow(base32Secret: string, now: Date = new Date()): string {
  return totp(base32Decode(base32Secret), now.getTime() / 1000);
}
