/**
 * Signs a user in to the user pool: USER_SRP_AUTH (the reference web client's flow, the
 * password never leaves the machine) or USER_PASSWORD_AUTH, then the challenges a pool with
 * required TOTP MFA asks for (SOFTWARE_TOKEN_MFA, and MFA_SETUP on a first sign-in).
 */
import {
  AssociateSoftwareTokenCommand,
  AuthenticationResultType,
  ChallengeNameType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoTimestamp, newSrpSession, passwordClaimSignature } from './srp';
import { TOTP_STEP_MS, totpNow } from './totp';

/** How the user proves the password. */
export type PasswordFlow = 'srp' | 'password';

/** The tokens a successful sign-in returns. */
export interface UserPoolTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresIn?: number;
}

/** Options of signIn. */
export interface SignInOptions {
  readonly client: CognitoIdentityProviderClient;
  readonly userPoolId: string;
  /** The app client (a public client: no secret). */
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
  /** @default 'srp' */
  readonly flow?: PasswordFlow;
  /** The base32 TOTP secret, to answer SOFTWARE_TOKEN_MFA (and to finish MFA_SETUP with it). */
  readonly totpSecret?: string;
  /**
   * Answer MFA_SETUP (a first sign-in on a pool with required MFA) by associating a new
   * authenticator; the secret is handed to onTotpSecret: keep it, it is shown only once.
   *
   * @default false
   */
  readonly setUpMfa?: boolean;
  /** Receives the new TOTP secret during MFA_SETUP. */
  readonly onTotpSecret?: (secret: string) => void;
  /** The clock (TOTP codes, SRP timestamp). @default () => new Date() */
  readonly now?: () => Date;
}

/** What InitiateAuth and RespondToAuthChallenge both return. */
interface AuthStep {
  readonly AuthenticationResult?: AuthenticationResultType;
  readonly ChallengeName?: ChallengeNameType;
  readonly ChallengeParameters?: Record<string, string>;
  readonly Session?: string;
}

/** Cognito answers a sign-in in a few round trips at most; more means a loop. */
const MAX_CHALLENGES = 5;

/** Signs in and answers the challenges, returning the user pool tokens. */
export async function signIn(options: SignInOptions): Promise<UserPoolTokens> {
  const flow = options.flow ?? 'srp';
  const now = options.now ?? (() => new Date());
  const srp = flow === 'srp' ? newSrpSession() : undefined;
  let response: AuthStep = await options.client.send(new InitiateAuthCommand({
    ClientId: options.clientId,
    AuthFlow: flow === 'srp' ? 'USER_SRP_AUTH' : 'USER_PASSWORD_AUTH',
    AuthParameters: srp
      ? { USERNAME: options.username, SRP_A: srp.largeA.toString(16) }
      : { USERNAME: options.username, PASSWORD: options.password },
  }));
  // After the password step Cognito knows the user by USER_ID_FOR_SRP (the internal username).
  let username = options.username;

  async function respond(name: ChallengeNameType, session: string | undefined, responses: Record<string, string>): Promise<AuthStep> {
    return options.client.send(new RespondToAuthChallengeCommand({
      ClientId: options.clientId, ChallengeName: name, Session: session, ChallengeResponses: responses,
    }));
  }

  for (let step = 0; ; step++) {
    if (response.AuthenticationResult) return toTokens(response.AuthenticationResult);
    if (step === MAX_CHALLENGES) throw new Error(`sign-in did not finish after ${MAX_CHALLENGES} challenges`);
    const name = response.ChallengeName;
    const params = response.ChallengeParameters ?? {};
    switch (name) {
      case 'PASSWORD_VERIFIER': {
        if (!srp) throw new Error('PASSWORD_VERIFIER challenge without an SRP sign-in');
        const missing = ['SRP_B', 'SALT', 'SECRET_BLOCK'].filter((key) => !params[key]);
        if (missing.length > 0) throw new Error(`PASSWORD_VERIFIER challenge without ${missing.join(', ')}; is the endpoint a Cognito user pool?`);
        username = params.USER_ID_FOR_SRP ?? username;
        const timestamp = cognitoTimestamp(now());
        const signature = passwordClaimSignature(srp, {
          userPoolId: options.userPoolId,
          userIdForSrp: username,
          password: options.password,
          srpB: params.SRP_B,
          salt: params.SALT,
          secretBlock: params.SECRET_BLOCK,
          timestamp,
        });
        response = await respond(name, response.Session, {
          USERNAME: username,
          PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK,
          TIMESTAMP: timestamp,
          PASSWORD_CLAIM_SIGNATURE: signature,
        });
        break;
      }
      case 'SOFTWARE_TOKEN_MFA': {
        if (!options.totpSecret) {
          throw new Error('the user pool asks for a TOTP code (SOFTWARE_TOKEN_MFA); pass --totp-secret <base32 secret of the user\'s authenticator>');
        }
        const code = await freshTotp(options.totpSecret, now);
        response = await respond(name, response.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code });
        break;
      }
      case 'MFA_SETUP': {
        if (!options.setUpMfa) {
          throw new Error('the user has no MFA device yet and the pool requires one (MFA_SETUP); run once with --setup-mfa and keep the secret it prints');
        }
        const association = await options.client.send(new AssociateSoftwareTokenCommand({ Session: response.Session }));
        if (!association.SecretCode) throw new Error('AssociateSoftwareToken returned no secret');
        options.onTotpSecret?.(association.SecretCode);
        const verified = await options.client.send(new VerifySoftwareTokenCommand({
          Session: association.Session ?? response.Session,
          UserCode: await freshTotp(association.SecretCode, now),
          FriendlyDeviceName: 'cdk-cognito-access client flow',
        }));
        if (verified.Status !== 'SUCCESS') throw new Error(`VerifySoftwareToken returned ${verified.Status}`);
        response = await respond(name, verified.Session, { USERNAME: username });
        break;
      }
      case 'NEW_PASSWORD_REQUIRED':
        throw new Error(`user '${options.username}' still has a temporary password (NEW_PASSWORD_REQUIRED); set a permanent one with `
          + '`aws cognito-idp admin-set-user-password --permanent` or sign in once through the hosted UI');
      default:
        throw new Error(`the client flow does not answer the ${name ?? 'empty'} challenge; supported: PASSWORD_VERIFIER, SOFTWARE_TOKEN_MFA, MFA_SETUP`);
    }
  }
}

/** A code with less time left than this may expire on its way to Cognito. */
const MIN_CODE_LIFETIME_MS = 2_000;

/** The current TOTP code, or the next one when the current one is about to expire. */
export async function freshTotp(secret: string, now: () => Date): Promise<string> {
  const left = TOTP_STEP_MS - (now().getTime() % TOTP_STEP_MS);
  if (left < MIN_CODE_LIFETIME_MS) await new Promise((resolve) => setTimeout(resolve, left + 50));
  return totpNow(secret, now());
}

function toTokens(result: AuthenticationResultType): UserPoolTokens {
  if (!result.IdToken || !result.AccessToken) throw new Error('sign-in returned no ID or access token');
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken, expiresIn: result.ExpiresIn };
}

/**
 * The claims of a JWT, decoded without checking its signature: the client only reads its own
 * token; Cognito Identity and API Gateway verify it on their side.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`a JWT has 3 dot-separated parts, got ${parts.length}`);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}
