/**
 * The client flow's inputs: the client configuration output (and its contract with
 * FederatedIdentityPool and the reference app), the Logins key, the S3 key layout, the
 * command line's argument checks.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ReferenceStack } from '../../examples/app';
import { joinUrl } from '../../examples/client/api';
import { loadClientConfig, parseClientConfig } from '../../examples/client/config';
import { main, selectBucket } from '../../examples/client/flow';
import { partitionDnsSuffix, userPoolLogins, userPoolProviderName } from '../../examples/client/identity';
import { DEFAULT_USER_PREFIX, userPrefix } from '../../examples/client/storage';
import { CognitoUserPoolAuth } from '../../src/cognito-user-pool-auth';
import { FederatedIdentityPool } from '../../src/federated-identity-pool';
import { newTestStack } from '../helpers/app';
import { TemplateJson, TemplateResolver } from '../helpers/template-resolver';

const REGION = 'us-east-1';

describe('client configuration', () => {
  const document = {
    region: REGION,
    identityPoolId: `${REGION}:11111111-2222-3333-4444-555555555555`,
    userPoolId: `${REGION}_AbCdEf123`,
    webClientId: 'client123',
    apiUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/',
    bucketName: 'reference-data',
  };

  test('reads the document itself', () => {
    const config = parseClientConfig(JSON.stringify(document));
    expect(config).toMatchObject({ region: REGION, userPoolId: document.userPoolId, webClientId: 'client123', apiUrl: document.apiUrl });
    expect(config.entries.bucketName).toBe('reference-data');
  });

  test('reads a cdk deploy --outputs-file, where the document is a string output', () => {
    const outputs = { CognitoAccessReference: { ApiUrl: 'https://x', ClientConfig: JSON.stringify(document) } };
    expect(parseClientConfig(JSON.stringify(outputs)).identityPoolId).toBe(document.identityPoolId);
  });

  test('reads one stack\'s outputs and honours --output-name', () => {
    const outputs = { Other: JSON.stringify({ ...document, webClientId: 'other' }), ClientConfig: JSON.stringify(document) };
    expect(() => parseClientConfig(JSON.stringify(outputs))).toThrow(/2 outputs hold a client configuration \(Other, ClientConfig\); pick one with --output-name/);
    expect(parseClientConfig(JSON.stringify(outputs), 'ClientConfig').webClientId).toBe('client123');
  });

  test('accepts userPoolClientId for the client id', () => {
    const { webClientId, ...rest } = document;
    expect(parseClientConfig(JSON.stringify({ ...rest, userPoolClientId: webClientId })).webClientId).toBe('client123');
  });

  test('loads from a file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'client-config-')), 'outputs.json');
    fs.writeFileSync(file, JSON.stringify({ Stack: { ClientConfig: JSON.stringify(document) } }));
    expect(loadClientConfig(file).userPoolId).toBe(document.userPoolId);
  });

  test.each([
    ['not JSON', '{', /client configuration must be JSON/],
    ['no document', '{"a":"b"}', /no client configuration found: expected a JSON object with region, identityPoolId and userPoolId/],
    ['no user pool', JSON.stringify({ region: REGION, identityPoolId: document.identityPoolId }), /client configuration has no 'userPoolId'/],
    ['no client id', JSON.stringify({ region: REGION, identityPoolId: document.identityPoolId, userPoolId: document.userPoolId }), /has no 'webClientId' \(or 'userPoolClientId'\)/],
    ['an unresolved token', JSON.stringify({ ...document, userPoolId: '${Token[TOKEN.123]}' }), /userPoolId must look like '<region>_<id>', got '\$\{Token\[TOKEN.123\]\}'/],
    ['a bad identity pool id', JSON.stringify({ ...document, identityPoolId: 'pool' }), /identityPoolId must look like '<region>:<uuid>', got 'pool'/],
  ])('rejects %s with a message that names the fix', (_, text, message) => {
    expect(() => parseClientConfig(text)).toThrow(message);
  });

  test('an unknown --output-name is named in the error', () => {
    expect(() => parseClientConfig(JSON.stringify({ S: { ClientConfig: JSON.stringify(document) } }), 'Nope'))
      .toThrow(/no stack output named 'Nope' holds a client configuration/);
  });

  test('the bucket comes from --bucket, --bucket-key, or the only bucket-like entry', () => {
    const config = parseClientConfig(JSON.stringify(document));
    expect(selectBucket(config)).toBe('reference-data');
    expect(selectBucket(config, 'explicit')).toBe('explicit');
    expect(selectBucket(config, undefined, 'bucketName')).toBe('reference-data');
    expect(() => selectBucket(config, undefined, 'missing')).toThrow(/client configuration has no 'missing'; its keys are region, identityPoolId/);
    const two = parseClientConfig(JSON.stringify({ ...document, logsBucket: 'logs' }));
    expect(() => selectBucket(two)).toThrow(/several buckets \(bucketName, logsBucket\); pick one with --bucket-key/);
  });

  test('reads the document FederatedIdentityPool publishes (contract with the construct)', () => {
    // GIVEN the constructs with a client configuration output and an extra entry
    const stack = newTestStack();
    const auth = new CognitoUserPoolAuth(stack, 'Auth');
    const pool = new FederatedIdentityPool(stack, 'Identity', { userPoolAuth: auth, clientConfig: { outputName: 'ClientConfig' } });
    pool.addClientConfig('apiUrl', 'https://api.example.com/prod/');
    pool.addClientConfig('bucketName', 'reference-data');
    // WHEN the output is resolved with fake deterministic ids, as CloudFormation would resolve it
    const template = Template.fromStack(stack).toJSON();
    const value = new TemplateResolver(template as TemplateJson).resolve(template.Outputs.ClientConfig.Value);
    // THEN the loader finds everything the flow needs under the keys the construct uses
    const config = parseClientConfig(JSON.stringify({ CognitoAccessReference: { ClientConfig: value } }));
    expect(config).toMatchObject({ region: REGION, apiUrl: 'https://api.example.com/prod/' });
    expect(config.userPoolId).toMatch(/^us-east-1_\w+$/);
    expect(config.identityPoolId).toMatch(/^us-east-1:[0-9a-f-]+$/);
    expect(config.webClientId).toMatch(/^client/);
    expect(selectBucket(config)).toBe('reference-data');
  });
});

describe('the reference app (examples/app.ts) fits the flow', () => {
  let template: TemplateJson & { Outputs: Record<string, { Value: unknown }> };
  beforeAll(() => {
    const app = new App({ builtinCloudFormationValidation: false });
    template = Template.fromStack(new ReferenceStack(app, 'CognitoAccessReference')).toJSON() as typeof template;
  });

  test('its outputs file gives the flow a configuration with the API URL and the bucket', () => {
    // GIVEN the outputs as `cdk deploy --outputs-file` writes them (fake deterministic ids)
    const resolver = new TemplateResolver(template);
    const outputs = Object.fromEntries(Object.entries(template.Outputs).map(([id, o]) => [id, resolver.resolve(o.Value)]));
    // WHEN the flow loads it THEN it finds the one client configuration among the outputs
    const config = parseClientConfig(JSON.stringify({ CognitoAccessReference: outputs }));
    expect(config.apiUrl).toMatch(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/prod\/$/);
    expect(joinUrl(config.apiUrl!, 'me')).toMatch(/\/prod\/me$/);
    expect(selectBucket(config)).toBe(config.entries.bucketName);
    expect(config.webClientId).toMatch(/^client/);
  });

  test('its S3 policies grant the key layout the flow writes to (DEFAULT_USER_PREFIX)', () => {
    // The flow fills {department} from custom:department (the principal tag) and {identityId}
    // from GetId (the policy variable): the policy must name exactly that prefix.
    const asPolicy = userPrefix(DEFAULT_USER_PREFIX, { department: '${aws:PrincipalTag/department}', identityId: '${cognito-identity.amazonaws.com:sub}' });
    expect(asPolicy).toBe('departments/${aws:PrincipalTag/department}/users/${cognito-identity.amazonaws.com:sub}/');
    expect(JSON.stringify(template)).toContain(`/${asPolicy}*`);
  });

  test('its web client allows the flow\'s default sign-in (USER_SRP_AUTH) and is public', () => {
    const clients = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    expect(clients.some((c) => c.Properties.ExplicitAuthFlows?.includes('ALLOW_USER_SRP_AUTH') && c.Properties.GenerateSecret === false)).toBe(true);
  });

  test('its pool requires TOTP MFA (which the flow answers) and has custom:department', () => {
    const [pool] = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    expect(pool.Properties.Schema).toEqual(expect.arrayContaining([expect.objectContaining({ Name: 'department', AttributeDataType: 'String' })]));
  });
});

describe('identity pool logins and key layout', () => {
  test('the Logins key is the user pool issuer without https://, in the pool\'s own region and partition', () => {
    expect(userPoolProviderName('eu-west-1_AbC')).toBe('cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC');
    expect(userPoolProviderName('cn-north-1_AbC')).toBe('cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_AbC');
    expect(partitionDnsSuffix('us-gov-west-1')).toBe('amazonaws.com');
    expect(userPoolLogins('eu-west-1_AbC', 'tok')).toEqual({ 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC': 'tok' });
  });

  test('the default user prefix is PerDepartmentBucketAccess\'s prefix-mode layout', () => {
    expect(userPrefix(DEFAULT_USER_PREFIX, { identityId: 'us-east-1:abc', department: 'finance' })).toBe('departments/finance/users/us-east-1:abc/');
    expect(userPrefix('users/{identityId}/', { identityId: 'us-east-1:abc' })).toBe('users/us-east-1:abc/');
  });

  test.each([
    ['departments/{department}/users/{identityId}', {}, /must end with '\/'/],
    ['departments/{department}/', {}, /must contain \{identityId\}/],
    ['{dept}/{identityId}/', {}, /unknown placeholder \{dept\}; use \{identityId\} and \{department\}/],
    [DEFAULT_USER_PREFIX, { department: undefined }, /needs a department: the ID token has no custom:department claim; pass --department/],
  ])('the prefix template %s is rejected when unusable', (template, values, message) => {
    expect(() => userPrefix(template, { identityId: 'id', ...values })).toThrow(message);
  });

  test('joinUrl neither doubles nor drops the slash', () => {
    expect(joinUrl('https://x/prod/', '/whoami')).toBe('https://x/prod/whoami');
    expect(joinUrl('https://x/prod', 'whoami')).toBe('https://x/prod/whoami');
  });
});

describe('command line', () => {
  test.each([
    [['--username', 'u', '--password', 'p'], /--config, --username and --password are required/],
    [['--config', 'c.json', '--username', 'u', '--password', 'p', '--flow', 'custom'], /--flow must be srp or password, got 'custom'/],
  ])('%j is refused with exit code 2 and the reason', async (args, message) => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(args)).toBe(2);
      expect(String(error.mock.calls[0][0])).toMatch(message);
    } finally {
      error.mockRestore();
    }
  });
});
