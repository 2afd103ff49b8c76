/**
 * The client flow's own cryptography, against references it did not write: RFC 6238 / 4226 /
 * 4648 test vectors for TOTP, a third-party Cognito SRP vector, and an SRP server written
 * apart from the client (srp-verifier.ts) that accepts the right password only. moto cannot
 * prove SRP: it accepts any PASSWORD_CLAIM_SIGNATURE.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CognitoIdentityProviderClient, NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { SrpUserPool } from './srp-verifier';
import { freshTotp, signIn } from '../../examples/client/sign-in';
import { cognitoTimestamp, newSrpSession, padHex, passwordClaimSignature } from '../../examples/client/srp';
import { base32Decode, hotp, totp, TotpAlgorithm, totpNow } from '../../examples/client/totp';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B: the seed is the ASCII digits repeated to the hash's key size, 8 digits.
  const seeds: Record<TotpAlgorithm, Buffer> = {
    sha1: Buffer.from('12345678901234567890'),
    sha256: Buffer.from('12345678901234567890123456789012'),
    sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const vectors: Array<[number, TotpAlgorithm, string]> = [
    [59, 'sha1', '94287082'], [59, 'sha256', '46119246'], [59, 'sha512', '90693936'],
    [1111111109, 'sha1', '07081804'], [1111111109, 'sha256', '68084774'], [1111111109, 'sha512', '25091201'],
    [1111111111, 'sha1', '14050471'], [1111111111, 'sha256', '67062674'], [1111111111, 'sha512', '99943326'],
    [1234567890, 'sha1', '89005924'], [1234567890, 'sha256', '91819424'], [1234567890, 'sha512', '93441116'],
    [2000000000, 'sha1', '69279037'], [2000000000, 'sha256', '90698825'], [2000000000, 'sha512', '38618901'],
    [20000000000, 'sha1', '65353130'], [20000000000, 'sha256', '77737706'], [20000000000, 'sha512', '47863826'],
  ];

  test.each(vectors)('GIVEN the RFC seed THEN T=%i with %s gives %s', (time, algorithm, expected) => {
    expect(totp(seeds[algorithm], time, { digits: 8, algorithm })).toBe(expected);
  });

  test('HOTP matches RFC 4226 appendix D (counters 0 and 9)', () => {
    expect(hotp(seeds.sha1, 0n)).toBe('755224');
    expect(hotp(seeds.sha1, 9n)).toBe('520489');
  });

  test('base32 decodes RFC 4648 vectors, ignoring case, spaces and padding', () => {
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(base32Decode('MY').toString()).toBe('f');
  });

  test('a secret that is not base32 is rejected with the offending character', () => {
    expect(() => base32Decode('ABC1')).toThrow(/TOTP secret must be base32 \(A-Z, 2-7\), got the character '1'/);
  });

  test('totpNow uses 30-second steps and 6 digits (the Cognito authenticator setting)', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of the RFC SHA-1 seed
    expect(totpNow(secret, new Date(59_000))).toBe('287082');
    expect(totpNow(secret, new Date(60_000))).not.toBe('287082');
  });

  test('a code about to expire is not sent: the flow waits for the next step', async () => {
    // GIVEN a clock 1 s before a step boundary, moving with real time
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const started = Date.now();
    const clock = () => new Date(29_000 + (Date.now() - started));
    // WHEN a code is asked for THEN it is the next step's, after a short wait
    expect(await freshTotp(secret, clock)).toBe(totpNow(secret, new Date(30_000)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // AND with time left, the current code comes at once
    expect(await freshTotp(secret, () => new Date(5_000))).toBe(totpNow(secret, new Date(5_000)));
  });

  test('HOTP rejects a digit count outside 6-10', () => {
    expect(() => hotp(seeds.sha1, 0n, 5)).toThrow(/HOTP digits must be an integer from 6 to 10, got 5/);
  });
});

describe('Cognito SRP (USER_SRP_AUTH)', () => {
  test('reproduces a third-party Cognito SRP vector (A and PASSWORD_CLAIM_SIGNATURE)', () => {
    // Vector from the test data of simonmcallister0210/cognito-srp-helper (an implementation
    // derived from amazon-cognito-identity-js): src/__tests__/mocks/data.ts.
    const vector = JSON.parse(fs.readFileSync(path.join(__dirname, 'srp-vector.json'), 'utf8'));
    const session = newSrpSession(BigInt(`0x${vector.smallA}`));
    expect(session.largeA.toString(16)).toBe(vector.largeA);
    expect(passwordClaimSignature(session, {
      userPoolId: vector.poolId,
      userIdForSrp: vector.username,
      password: vector.password,
      srpB: vector.largeB,
      salt: vector.salt,
      secretBlock: vector.secret,
      timestamp: vector.timestamp,
    })).toBe(vector.passwordSignature);
  });

  test('the SRP sign-in is accepted by an independent SRP server with the right password', async () => {
    // GIVEN a pool that knows the user only by an SRP verifier
    const pool = new SrpUserPool('us-east-1_AbCdEf123', 'user-id-for-srp', 'Correct-Horse-1');
    // WHEN the client signs in
    const tokens = await signIn({ client: pool as unknown as CognitoIdentityProviderClient, userPoolId: pool.userPoolId, clientId: 'web', username: 'alice@example.com', password: 'Correct-Horse-1' });
    // THEN the server's form of the shared key agreed with the client's
    expect(tokens.idToken).toBe('header.e30.sig');
    expect(pool.calls).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  });

  test('the SRP sign-in is rejected by the independent SRP server with a wrong password', async () => {
    const pool = new SrpUserPool('us-east-1_AbCdEf123', 'user-id-for-srp', 'Correct-Horse-1');
    await expect(signIn({ client: pool as unknown as CognitoIdentityProviderClient, userPoolId: pool.userPoolId, clientId: 'web', username: 'alice@example.com', password: 'Correct-Horse-2' }))
      .rejects.toThrow(NotAuthorizedException);
  });

  test('timestamps use Cognito\'s format: unpadded day, padded time, UTC', () => {
    expect(cognitoTimestamp(new Date(Date.UTC(2000, 1, 1, 3, 4, 5)))).toBe('Tue Feb 1 03:04:05 UTC 2000');
    expect(cognitoTimestamp(new Date(Date.UTC(2026, 10, 22, 23, 59, 9)))).toBe('Sun Nov 22 23:59:09 UTC 2026');
  });

  test('padHex gives even-length, sign-safe hex', () => {
    expect(padHex(0xfn)).toBe('0f');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0x1234n)).toBe('1234');
  });

  test('a server B of 0 mod N is refused (SRP-6a safety check)', () => {
    const session = newSrpSession();
    expect(() => passwordClaimSignature(session, {
      userPoolId: 'us-east-1_x', userIdForSrp: 'u', password: 'p', srpB: '0', salt: '01', secretBlock: '', timestamp: 't',
    })).toThrow(/server sent B = 0 mod N/);
  });

  test('a user pool id without the region prefix is refused', () => {
    expect(() => passwordClaimSignature(newSrpSession(), {
      userPoolId: 'nounderscore', userIdForSrp: 'u', password: 'p', srpB: '02', salt: '01', secretBlock: '', timestamp: 't',
    })).toThrow(/user pool id must look like '<region>_<name>', got 'nounderscore'/);
  });
});
