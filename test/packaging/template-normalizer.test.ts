/**
 * The comparison behind the cross-language proofs (scripts/python-proof.sh, java-proof.sh).
 * These tests need no built artifacts: they run with the ordinary suite. A comparison that
 * ignored too much would let the proofs pass on different infrastructure, so each ignored
 * item is checked alongside a difference that must still be reported.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnOutput, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { compareAssemblies, readAssemblyTemplates } from '../../scripts/compare-assemblies';
import { diffJson, formatDifferences, Json, normalizeTemplate } from '../../scripts/template-normalizer';

const BASE = {
  Resources: {
    Bucket: {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: 'b' },
      Metadata: { 'aws:cdk:path': 'Stack/Bucket/Resource' },
    },
    CDKMetadata: {
      Type: 'AWS::CDK::Metadata',
      Properties: { Analytics: 'v2:deflate64:abc' },
      Condition: 'CDKMetadataAvailable',
    },
  },
  Conditions: { CDKMetadataAvailable: { 'Fn::Or': [] } },
  Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
  Rules: { CheckBootstrapVersion: { Assertions: [] } },
  Outputs: { BucketName: { Value: { Ref: 'Bucket' } } },
};

function withChange(change: (t: any) => void): Json {
  const copy = JSON.parse(JSON.stringify(BASE));
  change(copy);
  return copy;
}

describe('normalizeTemplate', () => {
  test('removes CDK metadata, the bootstrap version check and construct paths', () => {
    // WHEN
    const normalized = normalizeTemplate(BASE);

    // THEN
    expect(normalized).toEqual({
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } } },
      Outputs: { BucketName: { Value: { Ref: 'Bucket' } } },
    });
  });

  test('keeps metadata that is not written by the CDK itself', () => {
    // GIVEN
    const template = withChange((t) => {
      t.Resources.Bucket.Metadata.cfn_nag = { rules_to_suppress: [{ id: 'W35' }] };
    });

    // THEN
    expect(normalizeTemplate(template)).toMatchObject({
      Resources: { Bucket: { Metadata: { cfn_nag: { rules_to_suppress: [{ id: 'W35' }] } } } },
    });
  });

  test('keeps user conditions, parameters and rules', () => {
    // GIVEN
    const template = withChange((t) => {
      t.Conditions.IsProd = { 'Fn::Equals': ['a', 'b'] };
      t.Parameters.Stage = { Type: 'String' };
      t.Rules.Mine = { Assertions: [] };
    });

    // THEN
    expect(normalizeTemplate(template)).toMatchObject({
      Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } },
      Parameters: { Stage: { Type: 'String' } },
      Rules: { Mine: { Assertions: [] } },
    });
  });

  test('replaces asset hashes in values and keys', () => {
    // GIVEN
    const hash = 'a'.repeat(64);
    const template = withChange((t) => {
      t.Resources.Bucket.Properties.Code = { S3Key: `${hash}.zip` };
      t.Outputs[`Out${hash}`] = { Value: 'x' };
    });

    // THEN
    const normalized = JSON.stringify(normalizeTemplate(template));
    expect(normalized).not.toContain(hash);
    expect(normalized).toContain('"S3Key":"<asset-hash>.zip"');
    expect(normalized).toContain('"Out<asset-hash>"');
  });

  test('does not change its input', () => {
    // GIVEN
    const before = JSON.stringify(BASE);

    // WHEN
    normalizeTemplate(BASE);

    // THEN
    expect(JSON.stringify(BASE)).toEqual(before);
  });

  test('rejects a template that is not an object', () => {
    expect(() => normalizeTemplate([1, 2])).toThrow(/a template must be a JSON object, got \[1,2\]/);
  });
});

describe('diffJson on normalized templates', () => {
  test('equal when only metadata and analytics differ', () => {
    // GIVEN
    const other = withChange((t) => {
      t.Resources.Bucket.Metadata['aws:cdk:path'] = 'Other/Bucket/Resource';
      t.Resources.CDKMetadata.Properties.Analytics = 'v2:deflate64:python';
    });

    // THEN
    expect(diffJson(normalizeTemplate(BASE), normalizeTemplate(other))).toEqual([]);
  });

  test.each([
    ['a property', (t: any) => { t.Resources.Bucket.Properties.BucketName = 'c'; }, 'Resources.Bucket.Properties.BucketName'],
    ['a policy statement', (t: any) => { t.Resources.Bucket.Properties.Policy = { Statement: [] }; }, 'Resources.Bucket.Properties.Policy'],
    ['an output', (t: any) => { delete t.Outputs.BucketName; }, 'Outputs'],
    ['a resource', (t: any) => { t.Resources.Extra = { Type: 'AWS::SNS::Topic' }; }, 'Resources.Extra'],
    ['array order', (t: any) => { t.Resources.Bucket.Properties.Tags = [{ Key: 'b' }, { Key: 'a' }]; }, 'Resources.Bucket.Properties.Tags'],
    ['a DependsOn', (t: any) => { t.Resources.Bucket.DependsOn = ['Other']; }, 'Resources.Bucket.DependsOn'],
  ])('reports %s', (_what, change, where) => {
    // GIVEN
    const base = withChange((t) => { t.Resources.Bucket.Properties.Tags = [{ Key: 'a' }, { Key: 'b' }]; });
    const other = withChange((t) => {
      t.Resources.Bucket.Properties.Tags = [{ Key: 'a' }, { Key: 'b' }];
      change(t);
    });

    // WHEN
    const differences = diffJson(normalizeTemplate(base), normalizeTemplate(other));

    // THEN
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.map((d) => d.path).join('\n')).toContain(where);
  });

  test('formats a difference with its path and both values, and caps long lists', () => {
    // GIVEN
    const differences = Array.from({ length: 3 }, (_, i) => ({ path: `Resources.R${i}`, expected: i, actual: i + 1 }));

    // WHEN
    const text = formatDifferences(differences, 'TypeScript', 'Python', 2);

    // THEN
    expect(text).toBe([
      '--- TypeScript', '+++ Python',
      '@ Resources.R0', '- 0', '+ 1',
      '@ Resources.R1', '- 1', '+ 2',
      '... and 1 more differences',
    ].join('\n'));
  });

  test('shows an absent value as (absent)', () => {
    const text = formatDifferences(diffJson({ a: 1 }, {}), 'e', 'a');
    expect(text).toContain('@ a\n- 1\n+ (absent)');
  });
});

describe('compareAssemblies on synthesized cloud assemblies', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-assemblies-')); });
  afterEach(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  /** A stack with a role and a bucket, in a stage too, synthesized into tmp/name. */
  function synth(name: string, bucketVersioned: boolean): string {
    const outdir = path.join(tmp, name);
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    for (const scope of [app, new Stage(app, 'Prod')]) {
      const stack = new Stack(scope, 'Store');
      const bucket = new s3.Bucket(stack, 'Bucket', { versioned: bucketVersioned });
      const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
      bucket.grantRead(role);
      new CfnOutput(stack, 'BucketName', { value: bucket.bucketName });
    }
    app.synth();
    return outdir;
  }

  test('reads top-level and stage stacks', () => {
    // WHEN
    const templates = readAssemblyTemplates(synth('a', true));

    // THEN
    expect([...templates.keys()].sort()).toEqual(['Store', expect.stringMatching(/^assembly-Prod\/ProdStore[0-9A-F]{8}$/)]);
  });

  test('two syntheses of the same app are equal', () => {
    // WHEN
    const result = compareAssemblies(synth('a', true), synth('b', true), 'A', 'B');

    // THEN
    expect(result.equal).toBe(true);
    expect(result.report).toContain('stack Store: equal (');
  });

  test('a changed property is reported in every stack, with its path', () => {
    // WHEN
    const result = compareAssemblies(synth('a', true), synth('b', false), 'A', 'B');

    // THEN
    expect(result.equal).toBe(false);
    expect(result.report).toMatch(/stack Store: \d+ differences/);
    expect(result.report).toMatch(/stack assembly-Prod\/ProdStore[0-9A-F]{8}: \d+ differences/);
    expect(result.report).toMatch(/@ Resources\.Bucket\w+\.Properties\n- \{"VersioningConfiguration":\{"Status":"Enabled"\}\}\n\+ \(absent\)/);
  });

  test('a stack present on one side only is reported', () => {
    // GIVEN an app with the stage stack only
    const a = synth('a', true);
    const app = new App({ outdir: path.join(tmp, 'c'), builtinCloudFormationValidation: false });
    new s3.Bucket(new Stack(app, 'Other'), 'Bucket');
    app.synth();

    // WHEN
    const result = compareAssemblies(a, path.join(tmp, 'c'), 'A', 'C');

    // THEN
    expect(result.equal).toBe(false);
    expect(result.report).toMatch(/stack assembly-Prod\/ProdStore[0-9A-F]{8}: only in A/);
    expect(result.report).toContain('stack Other: only in C');
    expect(result.report).toContain('stack Store: only in A');
  });

  test('a directory without a cloud assembly is an error that names it', () => {
    expect(() => readAssemblyTemplates(tmp)).toThrow(new RegExp(`no cloud assembly at ${tmp}: .*manifest\\.json does not exist`));
  });
});
