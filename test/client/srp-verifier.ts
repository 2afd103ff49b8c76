/**
 * The server side of Cognito's SRP password check, for the client-flow test. moto does not
 * check the SRP proof (its PASSWORD_VERIFIER accepts any signature), so this stands in for
 * Cognito: it keeps only the verifier v = g^x, answers with B = k*v + g^b, and accepts the
 * claim only if the client's HMAC matches the one keyed with S = (A * v^u)^b, the server's
 * form of the shared secret. The client computes S as (B - k*g^x)^(a + u*x): a wrong password
 * or a wrong formula on either side gives a different key.
 *
 * Written apart from examples/client/srp.ts on purpose (only the group constants are shared
 * facts): https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  AuthenticationResultType, InitiateAuthCommand, NotAuthorizedException, RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SRP_G, SRP_N } from '../../examples/client/srp';

function pow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e /= 2n) {
    if (e % 2n === 1n) r = (r * b) % mod;
    b = (b * b) % mod;
  }
  return r;
}

/** Big-endian bytes with a leading zero byte when the top bit is set (a positive signed integer). */
function signedBytes(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const bytes = Buffer.from(hex, 'hex');
  return bytes[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const toBig = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex') || '0'}`);

/** A fake user pool that knows one user by an SRP verifier, and signs nothing else. */
export class SrpUserPool {
  /** InitiateAuth and RespondToAuthChallenge calls it answered. */
  public readonly calls: string[] = [];
  private readonly poolName: string;
  private readonly salt = toBig(randomBytes(16));
  private readonly verifier: bigint;
  private pending?: { A: bigint; b: bigint; B: bigint; secretBlock: Buffer };

  constructor(public readonly userPoolId: string, private readonly userIdForSrp: string, password: string) {
    this.poolName = userPoolId.split('_')[1];
    const inner = createHash('sha256').update(`${this.poolName}${userIdForSrp}:${password}`, 'utf8').digest('hex');
    const x = toBig(H(signedBytes(this.salt), Buffer.from(inner, 'hex')));
    this.verifier = pow(SRP_G, x, SRP_N);
  }

  /** A stand-in for CognitoIdentityProviderClient.send, for the two commands SRP needs. */
  public async send(command: unknown): Promise<unknown> {
    if (command instanceof InitiateAuthCommand) return this.initiate(command.input.AuthParameters ?? {});
    if (command instanceof RespondToAuthChallengeCommand) return this.respond(command.input.ChallengeResponses ?? {});
    throw new Error(`SrpUserPool does not answer ${(command as object).constructor.name}`);
  }

  private initiate(params: Record<string, string>) {
    this.calls.push('InitiateAuth');
    const A = BigInt(`0x${params.SRP_A}`);
    if (A % SRP_N === 0n) throw new NotAuthorizedException({ message: 'A = 0', $metadata: {} });
    const k = toBig(H(signedBytes(SRP_N), signedBytes(SRP_G)));
    const b = toBig(randomBytes(128)) % SRP_N;
    const B = (k * this.verifier + pow(SRP_G, b, SRP_N)) % SRP_N;
    const secretBlock = randomBytes(64);
    this.pending = { A, b, B, secretBlock };
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SRP_B: B.toString(16),
        SALT: this.salt.toString(16),
        SECRET_BLOCK: secretBlock.toString('base64'),
        USER_ID_FOR_SRP: this.userIdForSrp,
        USERNAME: this.userIdForSrp,
      },
    };
  }

  private respond(responses: Record<string, string>): { AuthenticationResult: AuthenticationResultType } {
    this.calls.push('RespondToAuthChallenge');
    const p = this.pending;
    if (!p) throw new NotAuthorizedException({ message: 'no SRP session', $metadata: {} });
    this.pending = undefined;
    if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== p.secretBlock.toString('base64')) {
      throw new NotAuthorizedException({ message: 'secret block mismatch', $metadata: {} });
    }
    const u = toBig(H(signedBytes(p.A), signedBytes(p.B)));
    const S = pow((p.A * pow(this.verifier, u, SRP_N)) % SRP_N, p.b, SRP_N);
    // HKDF-SHA256, info 'Caldera Derived Key', first 16 bytes.
    const prk = createHmac('sha256', signedBytes(u)).update(signedBytes(S)).digest();
    const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001', 'utf8').digest().subarray(0, 16);
    const expected = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(this.poolName + this.userIdForSrp, 'utf8'), p.secretBlock, Buffer.from(responses.TIMESTAMP ?? '', 'utf8')]))
      .digest();
    const claimed = Buffer.from(responses.PASSWORD_CLAIM_SIGNATURE ?? '', 'base64');
    if (responses.USERNAME !== this.userIdForSrp || claimed.length !== expected.length || !timingSafeEqual(claimed, expected)) {
      throw new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata: {} });
    }
    return { AuthenticationResult: { IdToken: 'header.e30.sig', AccessToken: 'header.e30.sig' } };
  }
}
