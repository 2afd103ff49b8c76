/**
 * The sign-in's challenge loop, against scripted Cognito answers (the real answers are
 * exercised against moto in test/client-flow.test.ts).
 */
import {
  CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwtPayload, signIn, SignInOptions } from '../../examples/client/sign-in';

/** A client that answers each call with the next scripted response and records the calls. */
function scripted(...responses: object[]) {
  const calls: Array<{ command: string; input: any }> = [];
  const client = {
    send: async (command: InitiateAuthCommand | RespondToAuthChallengeCommand) => {
      calls.push({ command: command.constructor.name, input: command.input });
      const next = responses.shift();
      if (!next) throw new Error('no more scripted responses');
      return next;
    },
  } as unknown as CognitoIdentityProviderClient;
  return { client, calls };
}

const options = (client: CognitoIdentityProviderClient, extra: Partial<SignInOptions> = {}): SignInOptions => ({
  client, userPoolId: 'us-east-1_Pool1', clientId: 'web', username: 'alice@example.com', password: 'pw', ...extra,
});
const TOKENS = { AuthenticationResult: { IdToken: 'h.eyJ0b2tlbl91c2UiOiJpZCJ9.s', AccessToken: 'h.e30.s' } };

test('the password flow sends USERNAME and PASSWORD and returns the tokens', async () => {
  const { client, calls } = scripted(TOKENS);
  const tokens = await signIn(options(client, { flow: 'password' }));
  expect(calls).toEqual([{ command: 'InitiateAuthCommand', input: { ClientId: 'web', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice@example.com', PASSWORD: 'pw' } } }]);
  expect(decodeJwtPayload(tokens.idToken)).toEqual({ token_use: 'id' });
});

test('the SRP flow sends SRP_A, never the password', async () => {
  const { client, calls } = scripted(TOKENS);
  await signIn(options(client));
  expect(calls[0].input.AuthFlow).toBe('USER_SRP_AUTH');
  expect(calls[0].input.AuthParameters).toEqual({ USERNAME: 'alice@example.com', SRP_A: expect.stringMatching(/^[0-9a-f]{700,}$/) });
  expect(JSON.stringify(calls)).not.toContain('"pw"');
});

test('SOFTWARE_TOKEN_MFA is answered in the same session with the current TOTP code of the secret', async () => {
  // GIVEN a pool that asks for a TOTP code after the password step
  const { client, calls } = scripted({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's1' }, TOKENS);
  // WHEN alice signs in at a fixed time with the RFC 6238 SHA-1 seed as her secret
  await signIn(options(client, { flow: 'password', totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', now: () => new Date(45_000) }));
  // THEN the code of the 30-59 s step (RFC 6238 at T=59: 94287082, last 6 digits) is sent in the same session
  expect(calls[1]).toEqual({
    command: 'RespondToAuthChallengeCommand',
    input: { ClientId: 'web', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's1', ChallengeResponses: { USERNAME: 'alice@example.com', SOFTWARE_TOKEN_MFA_CODE: '287082' } },
  });
});

test('a PASSWORD_VERIFIER challenge without SRP parameters is named, not a BigInt error', async () => {
  const { client } = scripted({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: '01' } });
  await expect(signIn(options(client))).rejects.toThrow(/PASSWORD_VERIFIER challenge without SRP_B, SECRET_BLOCK; is the endpoint a Cognito user pool\?/);
});

test('an unsupported challenge is named with the supported ones', async () => {
  const { client } = scripted({ ChallengeName: 'SMS_MFA', Session: 's' });
  await expect(signIn(options(client))).rejects.toThrow(/does not answer the SMS_MFA challenge; supported: PASSWORD_VERIFIER, SOFTWARE_TOKEN_MFA, MFA_SETUP/);
});

test('a pool that keeps asking is cut off after 5 challenges', async () => {
  const again = { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's' };
  const { client, calls } = scripted(again, again, again, again, again, again, TOKENS);
  await expect(signIn(options(client, { flow: 'password', totpSecret: 'GEZDGNBVGY3TQOJQ', now: () => new Date(5_000) })))
    .rejects.toThrow(/sign-in did not finish after 5 challenges/);
  expect(calls).toHaveLength(6);
});

test('a JWT that is not three parts is refused', () => {
  expect(() => decodeJwtPayload('abc')).toThrow(/a JWT has 3 dot-separated parts, got 1/);
});
