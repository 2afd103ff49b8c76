import { flatten, refTarget, wildcardMatches } from '../../src/checks/private/intrinsics';

describe('reading resolved CloudFormation values', () => {
  test.each([
    ['a literal', 'cognito-identity.amazonaws.com', 'cognito-identity.amazonaws.com'],
    ['the URL suffix', { 'Fn::Join': ['', ['cognito-identity.', { Ref: 'AWS::URLSuffix' }]] }, 'cognito-identity.amazonaws.com'],
    ['a partition-safe ARN', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::b']] }, 'arn:aws:s3:::b'],
    ['a reference', { Ref: 'Pool' }, '<Ref:Pool>'],
    ['another pseudo parameter', { Ref: 'AWS::Region' }, '<AWS::Region>'],
    ['an attribute', { 'Fn::GetAtt': ['Bucket', 'Arn'] }, '<GetAtt:Bucket.Arn>'],
    ['an attribute in string form', { 'Fn::GetAtt': 'Bucket.Arn' }, '<GetAtt:Bucket.Arn>'],
    ['a Sub with references', { 'Fn::Sub': '${Bucket.Arn}/${AWS::Region}/${Pool}' }, '<GetAtt:Bucket.Arn>/<AWS::Region>/<Ref:Pool>'],
    ['a Sub that keeps a policy variable', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/${!cognito-identity.amazonaws.com:sub}/*' }, 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*'],
    ['a Sub with variables', { 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'P' } }] }, '<Ref:P>-x'],
  ])('%s is flattened', (_name, value, expected) => {
    expect(flatten(value)).toBe(expected);
  });

  test.each([
    ['Fn::If', { 'Fn::If': ['C', 'a', 'b'] }],
    ['Fn::ImportValue', { 'Fn::ImportValue': 'x' }],
    ['a Join with an unknown part', { 'Fn::Join': ['', ['a', { 'Fn::ImportValue': 'x' }]] }],
    ['a Sub with an unknown variable', { 'Fn::Sub': ['${Name}', { Name: { 'Fn::ImportValue': 'x' } }] }],
    ['an object that is no intrinsic', { a: 1, b: 2 }],
  ])('%s cannot be known', (_name, value) => {
    expect(flatten(value)).toBeUndefined();
  });

  test('references name their target; pseudo parameters and literals do not', () => {
    expect(refTarget({ Ref: 'Role' })).toBe('Role');
    expect(refTarget({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('Role');
    expect(refTarget({ 'Fn::GetAtt': 'Role.Arn' })).toBe('Role');
    expect(refTarget({ Ref: 'AWS::AccountId' })).toBeUndefined();
    expect(refTarget('arn:aws:iam::123456789012:role/r')).toBeUndefined();
  });

  test('IAM wildcards match like IAM, without case', () => {
    expect(wildcardMatches('s3:List*', 's3:ListBucket')).toBe(true);
    expect(wildcardMatches('S3:listbucket', 's3:ListBucket')).toBe(true);
    expect(wildcardMatches('s3:?istBucket', 's3:ListBucket')).toBe(true);
    expect(wildcardMatches('s3:ListBucketV*', 's3:ListBucket')).toBe(false);
    expect(wildcardMatches('s3:Get.Object', 's3:GetXObject')).toBe(false);
  });
});
