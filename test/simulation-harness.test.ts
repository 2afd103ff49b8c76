import { AccessSimulator } from './helpers/iam-simulation';
import { TemplateResolver } from './helpers/template-resolver';

// The harness itself must be able to fail: an unknown reference throws instead of resolving to nothing.
describe('template resolver', () => {
  const template = {
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    },
  };

  test('resolves Ref, GetAtt, Join and Sub to concrete values', () => {
    const r = new TemplateResolver(template);
    expect(r.resolve({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/users/*']] })).toBe('arn:aws:s3:::bucket/users/*');
    expect(r.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${aws:PrincipalTag/department}/*' }))
      .toBe('arn:aws:s3:::bucket/${aws:PrincipalTag/department}/*');
  });

  test('an unknown reference throws', () => {
    const r = new TemplateResolver(template);
    expect(() => r.resolve({ Ref: 'Missing' })).toThrow(/no resource 'Missing'/);
    expect(() => r.resolve({ 'Fn::GetAtt': ['Role', 'RoleId'] })).toThrow(/does not know Fn::GetAtt Role.RoleId/);
  });
});

describe('access simulator', () => {
  const trust = {
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    }],
    Version: '2012-10-17',
  };
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/users/${cognito-identity.amazonaws.com:sub}/*' }],
  };
  const sim = new AccessSimulator({
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } },
      Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: policy, PolicyName: 'p', Roles: [{ Ref: 'Role' }] } },
    },
  });

  test('trust: only authenticated identities of the pool', async () => {
    expect(await sim.canAssume('Role', { aud: 'us-east-1:pool', amr: ['authenticated'] })).toBe('Allowed');
    expect(await sim.canAssume('Role', { aud: 'us-east-1:other', amr: ['authenticated'] })).toBe('ImplicitlyDenied');
    expect(await sim.canAssume('Role', { aud: 'us-east-1:pool', amr: ['unauthenticated'] })).toBe('ImplicitlyDenied');
  });

  test('identity policy variables are evaluated, not ignored', async () => {
    const context = { 'cognito-identity.amazonaws.com:sub': 'us-east-1:alice' };
    expect(await sim.request('Role', { action: 's3:GetObject', resource: 'arn:aws:s3:::b/users/us-east-1:alice/x', context })).toBe('Allowed');
    expect(await sim.request('Role', { action: 's3:GetObject', resource: 'arn:aws:s3:::b/users/us-east-1:bob/x', context })).toBe('ImplicitlyDenied');
  });
});
