import { deployedJsonLength } from '../../src/private/identity-pool-quotas';

describe('deployedJsonLength', () => {
  test('plain JSON counts as written', () => {
    expect(deployedJsonLength({ Action: 's3:GetObject' })).toBe(JSON.stringify({ Action: 's3:GetObject' }).length);
  });

  test('references count as the values they deploy to, not as their intrinsics', () => {
    // GIVEN an ARN built from a pseudo parameter and a bucket reference
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Bucket83908E77' }, '/x']] };
    // THEN "arn:" + partition (10) + ":s3:::" + a name (64) + "/x", in quotes
    expect(deployedJsonLength(arn)).toBe(2 + 4 + 10 + 6 + 64 + 2);
    expect(deployedJsonLength(arn)).toBeLessThan(JSON.stringify(arn).length);
    // an attribute (an ARN) is generous: 128 characters
    expect(deployedJsonLength({ Resource: { 'Fn::GetAtt': ['Role1ABCD', 'Arn'] } })).toBe(JSON.stringify({ Resource: '' }).length + 128);
  });
});
