import { CallerIdentity } from '../src/caller-identity';

// Values in the format API Gateway puts in requestContext.identity.cognitoAuthenticationProvider.
const POOL = 'us-east-1_aBcDeFgHi';
const SUB = '6f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8';
const SIGNED_IN = `cognito-idp.us-east-1.amazonaws.com/${POOL},cognito-idp.us-east-1.amazonaws.com/${POOL}:CognitoSignIn:${SUB}`;

describe('CallerIdentity.parseAuthenticationProvider', () => {
  test('a user signed in through a user pool', () => {
    expect(CallerIdentity.parseAuthenticationProvider(SIGNED_IN)).toEqual({
      userPoolId: POOL,
      userSub: SUB,
      region: 'us-east-1',
      providerName: `cognito-idp.us-east-1.amazonaws.com/${POOL}`,
    });
  });

  test('other partitions and regions', () => {
    const china = `cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Zz9Yy8Xx7,cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Zz9Yy8Xx7:CognitoSignIn:${SUB}`;
    expect(CallerIdentity.parseAuthenticationProvider(china)).toMatchObject({ userPoolId: 'cn-north-1_Zz9Yy8Xx7', region: 'cn-north-1', userSub: SUB });
  });

  test('the sign-in entry is found wherever it is in the list', () => {
    expect(CallerIdentity.parseAuthenticationProvider(`${SIGNED_IN.split(',')[1]}, graph.facebook.com`)).toMatchObject({ userPoolId: POOL, userSub: SUB });
  });

  test.each([
    ['guests (empty)', ''],
    ['guests (absent)', undefined],
    ['guests (null from a proxy event)', null as unknown as string],
    ['a social provider', 'graph.facebook.com'],
    ['an OIDC provider', 'accounts.google.com'],
    ['a developer provider', 'login.mycompany.myapp:us-east-1:91a1b2c3'],
    ['a pool without the sign-in entry', `cognito-idp.us-east-1.amazonaws.com/${POOL}`],
    ['a pool id of another region than its endpoint', `cognito-idp.us-east-1.amazonaws.com/eu-west-1_aBcDeFgHi:CognitoSignIn:${SUB}`],
    ['a malformed sub', `cognito-idp.us-east-1.amazonaws.com/${POOL}:CognitoSignIn:`],
    ['extra text after the sub', `${SIGNED_IN}:extra`],
  ])('%s gives undefined', (_what, value) => {
    expect(CallerIdentity.parseAuthenticationProvider(value)).toBeUndefined();
  });
});

describe('CallerIdentity.isAuthenticated', () => {
  test.each([
    ['authenticated', true],
    ['unauthenticated', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (value, expected) => {
    expect(CallerIdentity.isAuthenticated(value)).toBe(expected);
  });
});
