/**
 * cfn-guard, through @cdklabs/cdk-validator-cfnguard (its bundled cfn-guard binary, offline):
 * the AWS Control Tower proactive controls that apply, and the project's own rules in
 * rules/guard/, over every fixture stack and the reference app. See docs/SECURITY-PROOF.md.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { buildFixtures } from './fixtures';
import { addReferenceStacks } from '../../examples/app';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules', 'guard');
const CONTROL_TOWER_DIR = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');

/**
 * Control Tower controls that do not fit, each with the reason (also in docs/SECURITY-PROOF.md).
 * The test 'every disabled control fails somewhere' keeps this list from growing stale.
 */
const DISABLED_CONTROLS: Record<string, string> = {
  // IamAuthorizedApi: X-Ray is opt-in (tracingEnabled), it bills per trace; access logs record every request.
  'ct-apigateway-pr-2': 'API Gateway X-Ray tracing is opt-in (tracingEnabled: true)',
  // Access logs and the example's function log group: CloudWatch Logs always encrypts at rest with service keys.
  'ct-cloudwatch-pr-3': 'log groups are encrypted at rest by CloudWatch Logs; a customer managed key is the user\'s choice',
  // The reference app's Lambda permission for API Gateway has a SourceArn built with Fn::Join, which the control cannot read.
  'ct-lambda-pr-2': 'the API Gateway invoke permission is scoped by a SourceArn the control cannot evaluate (Fn::Join)',
  // The reference app's function calls no private resource: a VPC adds NAT cost and cold-start time for nothing.
  'ct-lambda-pr-3': 'the reference app\'s function needs no VPC',
  // Server access logging: the log bucket itself is not logged (it would log into itself).
  'ct-s3-pr-2': 'the server access log bucket does not log into itself',
  // No consumer of bucket events exists; notifications are the user's to add.
  'ct-s3-pr-4': 'no event notification consumer',
  // Object Lock (WORM) would stop users from deleting or replacing their own files.
  'ct-s3-pr-9': 'Object Lock would forbid users to delete their own objects',
  // SSE-S3 by default; encryptionKey gives SSE-KMS. The server access log bucket cannot use SSE-KMS.
  'ct-s3-pr-10': 'SSE-S3 by default (encryptionKey opts into SSE-KMS); log delivery does not support SSE-KMS targets',
};

interface Finding { rule: string; template: string; resource: string }

function runGuard(validator: CfnGuardValidator, templatePaths: string[]): Finding[] {
  // The plugin reads only the template paths; the construct tree is for plugins such as cdk-nag.
  const report = validator.validate({ templatePaths, appConstruct: new App() });
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({
    rule: v.ruleName,
    template: path.basename(r.templatePath, '.template.json'),
    // A rule that binds keys (s3_bucket_requires_tls) is reported at /Resources, without a logical id.
    resource: r.resourceLogicalId ?? r.locations.join(','),
  }))).sort((a, b) => `${a.template}${a.rule}${a.resource}`.localeCompare(`${b.template}${b.rule}${b.resource}`));
}

function describeFinding(f: Finding): string {
  return `${f.template}: ${f.rule} on ${f.resource}`;
}

let dir: string;
let templatePaths: string[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-guard-'));
  templatePaths = buildFixtures().map((fixture) => {
    const file = path.join(dir, `${fixture.name}.template.json`);
    fs.writeFileSync(file, JSON.stringify(Template.fromStack(fixture.stack).toJSON()));
    return file;
  });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('over every fixture stack and the reference app', () => {
  // One run with every Control Tower control on (a cfn-guard run over ~10 templates takes seconds):
  // the disabled controls' findings are split off, and everything else must be empty.
  let findings: Finding[];
  beforeAll(() => {
    findings = runGuard(new CfnGuardValidator({ rules: [RULES_DIR] }), templatePaths);
  });

  test('Control Tower controls that apply and the project rules: no failure', () => {
    // GIVEN
    const disabled = new Set(Object.keys(DISABLED_CONTROLS).map(controlRuleName));
    // THEN
    expect(findings.filter((f) => !disabled.has(f.rule)).map(describeFinding)).toEqual([]);
    expect(templatePaths.length).toBeGreaterThanOrEqual(9);
  });

  test('every disabled control fails somewhere, so none is disabled for nothing', () => {
    // GIVEN
    const failing = new Set(findings.map((f) => f.rule));
    // THEN each disabled control is the source of at least one failure
    const ruleNames = Object.keys(DISABLED_CONTROLS).map(controlRuleName);
    expect(ruleNames.filter((name) => !failing.has(name))).toEqual([]);
  });

  test('the plugin runs inside synthesis (policyValidationBeta1) on the reference app, with the controls disabled by name', () => {
    // GIVEN
    const app = new App({
      builtinCloudFormationValidation: false,
      outdir: fs.mkdtempSync(path.join(dir, 'cdk.out-')),
      policyValidationBeta1: [new CfnGuardValidator({ disabledRules: Object.keys(DISABLED_CONTROLS), rules: [RULES_DIR] })],
    });
    addReferenceStacks(app);
    // WHEN / THEN synthesis throws when a plugin reports a violation
    expect(() => app.synth()).not.toThrow();
  });

  test('a violation reported by the plugin fails synthesis', () => {
    // GIVEN a stack with a method that has no authorization
    const app = new App({
      builtinCloudFormationValidation: false,
      outdir: fs.mkdtempSync(path.join(dir, 'cdk.out-')),
      policyValidationBeta1: [new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [RULES_DIR] })],
    });
    const stack = new Stack(app, 'Open');
    new apigateway.CfnMethod(stack, 'Open', { httpMethod: 'GET', authorizationType: 'NONE', restApiId: 'api', resourceId: 'res' });
    // THEN
    expect(() => app.synth()).toThrow(/Open\/Open[\s\S]*api_method_authorized/);
  });
});

/** The rule name (as reported) declared in a bundled Control Tower control file. */
function controlRuleName(control: string): string {
  const file = findControl(CONTROL_TOWER_DIR, `${control}.guard`);
  if (!file) throw new Error(`no Control Tower control ${control} in ${CONTROL_TOWER_DIR}`);
  const match = /^rule (\w+) when is_cfn_template/m.exec(fs.readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no rule name in ${file}`);
  return match[1];
}

function findControl(root: string, name: string): string | undefined {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      const found = findControl(full, name);
      if (found) return found;
    } else if (entry.name === name) {
      return full;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The project's own rules: each one can fail (a non-compliant template) and passes a compliant one.

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Runs one project rule file over one template; returns the failing rules and resources. */
function ownRule(file: string, resources: Resources): string[] {
  const validator = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [path.join(RULES_DIR, file)] });
  const template = path.join(dir, `own-${process.hrtime.bigint()}.template.json`);
  fs.writeFileSync(template, JSON.stringify({ Resources: resources }));
  // A rule reports once per failing clause (aud, amr): one entry per rule and resource is enough here.
  return [...new Set(runGuard(validator, [template]).map((f) => `${f.rule} ${f.resource}`))];
}

const COGNITO = 'cognito-identity.amazonaws.com';

function cognitoRole(condition: Record<string, unknown> | undefined): Resources {
  return {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Principal: { Federated: COGNITO },
            Action: 'sts:AssumeRoleWithWebIdentity',
            ...(condition ? { Condition: condition } : {}),
          }],
        },
      },
    },
  };
}

describe('rule cognito-identity-trust.guard', () => {
  const FILE = 'cognito-identity-trust.guard';
  const aud = { StringEquals: { [`${COGNITO}:aud`]: 'us-east-1:pool' } };
  const amr = { 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' } };

  test('passes a role that pins aud and amr', () => {
    expect(ownRule(FILE, cognitoRole({ ...aud, ...amr }))).toEqual([]);
  });

  test('fails a role without aud', () => {
    expect(ownRule(FILE, cognitoRole(amr))).toEqual(['cognito_identity_trust_pins_aud_and_amr Role']);
  });

  test('fails a role without amr', () => {
    expect(ownRule(FILE, cognitoRole(aud))).toEqual(['cognito_identity_trust_pins_aud_and_amr Role']);
  });

  test('fails a role with aud under the wrong operator (StringLike)', () => {
    const like = { StringLike: { [`${COGNITO}:aud`]: 'us-east-1:*' } };
    expect(ownRule(FILE, cognitoRole({ ...like, ...amr }))).toEqual(['cognito_identity_trust_pins_aud_and_amr Role']);
  });

  test('fails a role with no condition at all, federated principal given as a list', () => {
    const resources = cognitoRole(undefined);
    (resources.Role.Properties!.AssumeRolePolicyDocument as any).Statement[0].Principal = { Federated: [COGNITO] };
    expect(ownRule(FILE, resources)).toEqual(['cognito_identity_trust_pins_aud_and_amr Role']);
  });

  test('ignores roles trusted by other principals', () => {
    const resources = cognitoRole(undefined);
    (resources.Role.Properties!.AssumeRolePolicyDocument as any).Statement[0].Principal = { Service: 'lambda.amazonaws.com' };
    expect(ownRule(FILE, resources)).toEqual([]);
  });
});

describe('rule identity-pool-classic-flow.guard', () => {
  const FILE = 'identity-pool-classic-flow.guard';
  const pool = (properties: Record<string, unknown>): Resources => ({
    Pool: { Type: 'AWS::Cognito::IdentityPool', Properties: { AllowUnauthenticatedIdentities: false, ...properties } },
  });

  test('passes a pool without classic flow, or with it false', () => {
    expect(ownRule(FILE, pool({}))).toEqual([]);
    expect(ownRule(FILE, pool({ AllowClassicFlow: false }))).toEqual([]);
  });

  test('fails a pool with classic flow (boolean or string)', () => {
    expect(ownRule(FILE, pool({ AllowClassicFlow: true }))).toEqual(['identity_pool_no_classic_flow Pool']);
    expect(ownRule(FILE, pool({ AllowClassicFlow: 'true' }))).toEqual(['identity_pool_no_classic_flow Pool']);
  });
});

describe('rule api-method-authorization.guard', () => {
  const FILE = 'api-method-authorization.guard';
  const method = (httpMethod: string, authorizationType: string): Resources => ({
    Method: { Type: 'AWS::ApiGateway::Method', Properties: { HttpMethod: httpMethod, AuthorizationType: authorizationType, RestApiId: 'api', ResourceId: 'res' } },
  });

  test('passes AWS_IAM and COGNITO_USER_POOLS methods, and an unauthenticated OPTIONS preflight', () => {
    expect(ownRule(FILE, method('GET', 'AWS_IAM'))).toEqual([]);
    expect(ownRule(FILE, method('POST', 'COGNITO_USER_POOLS'))).toEqual([]);
    expect(ownRule(FILE, method('OPTIONS', 'NONE'))).toEqual([]);
  });

  test('fails a method with no authorization, or a custom authorizer', () => {
    expect(ownRule(FILE, method('GET', 'NONE'))).toEqual(['api_method_authorized Method']);
    expect(ownRule(FILE, method('ANY', 'CUSTOM'))).toEqual(['api_method_authorized Method']);
  });
});

describe('rule s3-bucket-security.guard', () => {
  const FILE = 's3-bucket-security.guard';
  const BLOCK_ALL = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
  const tlsPolicy = (effect: string): Resources => ({
    BucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Bucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: effect,
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }],
        },
      },
    },
  });
  const bucket = (block: Record<string, boolean>): Resources => ({
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: block } },
  });

  test('passes a bucket that blocks public access and denies requests without TLS', () => {
    expect(ownRule(FILE, { ...bucket(BLOCK_ALL), ...tlsPolicy('Deny') })).toEqual([]);
  });

  test('fails a bucket with one public access flag off', () => {
    expect(ownRule(FILE, { ...bucket({ ...BLOCK_ALL, RestrictPublicBuckets: false }), ...tlsPolicy('Deny') }))
      .toEqual(['s3_bucket_blocks_public_access Bucket']);
  });

  test('fails a bucket without a public access block', () => {
    expect(ownRule(FILE, { Bucket: { Type: 'AWS::S3::Bucket', Properties: {} }, ...tlsPolicy('Deny') }))
      .toEqual(['s3_bucket_blocks_public_access Bucket']);
  });

  test('fails a bucket without a bucket policy', () => {
    expect(ownRule(FILE, bucket(BLOCK_ALL))).toEqual(['s3_bucket_requires_tls Bucket']);
  });

  test('fails a bucket whose policy does not deny requests without TLS', () => {
    expect(ownRule(FILE, { ...bucket(BLOCK_ALL), ...tlsPolicy('Allow') })).toEqual(['s3_bucket_requires_tls Bucket']);
  });

  test('fails a second bucket that the only TLS policy does not cover', () => {
    // GIVEN Bucket is covered, Other is not
    const resources = { ...bucket(BLOCK_ALL), ...tlsPolicy('Deny'), Other: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: BLOCK_ALL } } };
    // THEN cfn-guard reports a key-bound check at /Resources, without the logical id
    expect(ownRule(FILE, resources)).toEqual(['s3_bucket_requires_tls /Resources,/Resources']);
  });
});
