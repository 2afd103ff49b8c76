/**
 * The client side of Cognito's USER_SRP_AUTH flow (SRP-6a over the 3072-bit group of RFC 3526,
 * as Cognito implements it), with node:crypto and BigInt only.
 *
 * The password never leaves the client: InitiateAuth sends A = g^a, Cognito answers with B, a
 * salt and a secret block, and the client proves it knows the password by an HMAC over the
 * secret block keyed with the shared session key.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** The 3072-bit MODP prime of RFC 3526 (group 15), the modulus Cognito uses. */
export const SRP_N = BigInt('0x'
  + 'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD'
  + 'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED'
  + 'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F'
  + '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B'
  + 'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510'
  + '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7'
  + 'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C'
  + 'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF');

/** The generator. */
export const SRP_G = 2n;

/** HKDF info string Cognito uses to derive the 16-byte session key. */
const DERIVED_KEY_INFO = 'Caldera Derived Key';

/** (base ^ exponent) mod modulus, by square-and-multiply; base may be negative. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e % 2n === 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e /= 2n;
  }
  return result;
}

/**
 * The hex form Cognito hashes: even length, and a leading 00 when the first nibble has its
 * high bit set (a positive two's-complement number, as Java's BigInteger.toByteArray gives).
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new Error(`SRP values are non-negative, got ${value}`);
  const hex = value.toString(16);
  if (hex.length % 2 === 1) return `0${hex}`;
  return '89abcdef'.includes(hex[0]) ? `00${hex}` : hex;
}

/** SHA-256 of the bytes a hex string denotes, as 64 hex characters. */
export function hexHash(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

/** The multiplier k = H(N | g). */
export const SRP_K = BigInt(`0x${hexHash(padHex(SRP_N) + padHex(SRP_G))}`);

/** The client's ephemeral key pair for one sign-in. */
export interface SrpClientSession {
  /** The secret exponent a. */
  readonly smallA: bigint;
  /** The public value A = g^a mod N, sent as SRP_A (hex). */
  readonly largeA: bigint;
}

/**
 * Starts an SRP exchange: a random 1024-bit a (or the given one, for test vectors) and A = g^a.
 */
export function newSrpSession(smallA?: bigint): SrpClientSession {
  const a = smallA ?? BigInt(`0x${randomBytes(128).toString('hex')}`) % SRP_N;
  const largeA = modPow(SRP_G, a, SRP_N);
  if (largeA === 0n) throw new Error('SRP: A = g^a mod N is 0; start a new session');
  return { smallA: a, largeA };
}

/** What Cognito's PASSWORD_VERIFIER challenge gives the client, plus the user's secret. */
export interface PasswordClaimInput {
  /** The user pool id, `<region>_<name>`; its part after `_` enters the hashes. */
  readonly userPoolId: string;
  /** USER_ID_FOR_SRP from the challenge (the username Cognito hashed the verifier with). */
  readonly userIdForSrp: string;
  readonly password: string;
  /** SRP_B from the challenge (hex). */
  readonly srpB: string;
  /** SALT from the challenge (hex). */
  readonly salt: string;
  /** SECRET_BLOCK from the challenge (base64). */
  readonly secretBlock: string;
  /** The TIMESTAMP sent with the claim, in Cognito's format (see cognitoTimestamp). */
  readonly timestamp: string;
}

/**
 * PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256, keyed with the derived session key, of
 * pool name | USER_ID_FOR_SRP | secret block bytes | timestamp.
 */
export function passwordClaimSignature(session: SrpClientSession, input: PasswordClaimInput): string {
  const poolName = input.userPoolId.split('_')[1];
  if (!poolName) throw new Error(`user pool id must look like '<region>_<name>', got '${input.userPoolId}'`);
  const B = BigInt(`0x${input.srpB}`);
  if (B % SRP_N === 0n) throw new Error('SRP: the server sent B = 0 mod N; refusing to continue');
  const u = BigInt(`0x${hexHash(padHex(session.largeA) + padHex(B))}`);
  if (u === 0n) throw new Error('SRP: u = H(A | B) is 0; start a new session');

  const userPasswordHash = createHash('sha256').update(`${poolName}${input.userIdForSrp}:${input.password}`, 'utf8').digest('hex');
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${input.salt}`)) + userPasswordHash)}`);
  // S = (B - k * g^x) ^ (a + u * x) mod N
  const S = modPow(B - SRP_K * modPow(SRP_G, x, SRP_N), session.smallA + u * x, SRP_N);

  const key = deriveKey(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
  const message = Buffer.concat([
    Buffer.from(poolName, 'utf8'),
    Buffer.from(input.userIdForSrp, 'utf8'),
    Buffer.from(input.secretBlock, 'base64'),
    Buffer.from(input.timestamp, 'utf8'),
  ]);
  return createHmac('sha256', key).update(message).digest('base64');
}

/** HKDF-SHA256 (RFC 5869) with one output block, truncated to 16 bytes. */
function deriveKey(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from(DERIVED_KEY_INFO, 'utf8'), Buffer.from([1])])).digest().subarray(0, 16);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Cognito's TIMESTAMP format, e.g. 'Tue Feb 1 03:04:05 UTC 2000' (day not padded, UTC). */
export function cognitoTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} `
    + `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}
