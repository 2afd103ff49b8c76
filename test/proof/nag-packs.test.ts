/**
 * cdk-nag's packs (AwsSolutions, HIPAA.Security, NIST.800.53.R5, PCI.DSS.321, Serverless) over
 * each construct's default and fully configured stack and over the reference app: no
 * unacknowledged error, and every acknowledgement listed here, per construct, so a new one is a
 * visible diff. Reasons and the warnings are in docs/SECURITY-PROOF.md.
 */
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import { buildFixtures, Fixture, Subject } from './fixtures';
import { FederatedIdentityPool } from '../../src';
import { newTestStack } from '../helpers/app';

const PACKS: NagPack[] = [
  new AwsSolutionsChecks(),
  new HIPAASecurityChecks(),
  new NIST80053R5Checks(),
  new PCIDSS321Checks(),
  new ServerlessChecks(),
];

interface Finding { readonly severity: string; readonly text: string }

/** `<rule> at <construct path>` for every unacknowledged finding of every pack. */
function nagFindings(fixture: Fixture): Finding[] {
  return PACKS.flatMap((pack) => pack.validateScope(fixture.stack).violations.flatMap((v) => v.violatingResources.map((r) => ({
    severity: v.severity ?? 'error',
    text: `${v.ruleName} at ${r.constructPath}`,
  })))).sort((a, b) => a.text.localeCompare(b.text));
}

/** The acknowledged rule ids on a construct and everything under it. */
function acknowledgedUnder(root: IConstruct, exclude: IConstruct[] = []): string[] {
  const ids = new Set<string>();
  const visit = (node: IConstruct) => {
    if (exclude.includes(node)) return;
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      // aws-cdk-lib prefixes the id with 'Annotation::' (cdk-nag strips it the same way).
      for (const key of Object.keys(entry.data ?? {})) ids.add(key.replace(/^annotation::/i, ''));
    }
    node.node.children.forEach(visit);
  };
  visit(root);
  return [...ids];
}

const fixtures = buildFixtures();
const results = new Map(fixtures.map((f) => [f.name, nagFindings(f)]));

/**
 * Findings whose fix (an acknowledgement with its reason, or a default) belongs in code this suite
 * may not edit yet: the rule ids, per construct (or 'example' for the reference app's own code
 * outside the library). docs/SECURITY-PROOF.md gives the change each one needs. Each entry must
 * still fire somewhere: once fixed, it has to be removed here.
 */
const PENDING: Record<string, string[]> = {};

/** The construct an unacknowledged finding belongs to: the subject whose subtree holds it, else 'example'. */
function ownerOf(fixture: Fixture, constructPath: string): string {
  for (const [subject, construct] of Object.entries(fixture.subjects)) {
    const root = construct.node.path;
    if (constructPath === root || constructPath.startsWith(`${root}/`)) return subject;
  }
  return 'example';
}

function pendingOrNew(fixture: Fixture, finding: Finding): 'pending' | 'new' {
  const [rule, path] = finding.text.split(' at ');
  return (PENDING[ownerOf(fixture, path)] ?? []).includes(rule) ? 'pending' : 'new';
}

describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
  test('no unacknowledged error in any pack (beyond the pending list)', () => {
    // WHEN
    const errors = results.get(fixture.name)!.filter((f) => f.severity === 'error');
    // THEN
    expect(errors.filter((f) => pendingOrNew(fixture, f) === 'new').map((f) => f.text)).toEqual([]);
  });
});

test('every pending entry still fires (remove it once its fix is in)', () => {
  // WHEN
  const firing = new Set(fixtures.flatMap((f) => results.get(f.name)!.map((x) => {
    const [rule, path] = x.text.split(' at ');
    return `${ownerOf(f, path)} ${rule}`;
  })));
  // THEN
  const stale = Object.entries(PENDING).flatMap(([owner, rules]) => rules.map((r) => `${owner} ${r}`)).filter((e) => !firing.has(e));
  expect(stale).toEqual([]);
});

test('the warnings, all packs, all stacks (documented in docs/SECURITY-PROOF.md)', () => {
  // WHEN
  const warnings = fixtures.flatMap((f) => results.get(f.name)!.filter((x) => x.severity !== 'error').map((x) => `${f.name}: ${x.text}`));
  // THEN
  expect(warnings).toEqual(EXPECTED_WARNINGS);
});

/**
 * Every acknowledged rule id, per construct of the library (union over the fixtures that hold
 * it), attributed by where it sits in the construct tree. A new acknowledgement shows up here.
 */
test('acknowledged rule ids per construct', () => {
  // WHEN
  const bySubject: Record<string, Set<string>> = {};
  for (const fixture of fixtures) {
    for (const [subject, construct] of Object.entries(fixture.subjects)) {
      bySubject[subject] ??= new Set();
      for (const id of acknowledgedUnder(construct)) bySubject[subject].add(id);
    }
  }
  const actual = Object.fromEntries(Object.entries(bySubject).map(([subject, ids]) => [subject, [...ids].sort()]));
  // THEN
  expect(actual).toEqual(EXPECTED_ACKNOWLEDGEMENTS);
});

test('acknowledged rule ids of the reference app outside the library\'s constructs', () => {
  // GIVEN
  const reference = fixtures.filter((f) => f.name.startsWith('reference-'));
  // WHEN
  const ids = reference.flatMap((f) => acknowledgedUnder(f.stack, Object.values(f.subjects))).sort();
  // THEN
  expect(ids).toEqual(EXPECTED_REFERENCE_APP_ACKNOWLEDGEMENTS);
});

/** The findings a pack reports when it ignores every acknowledgement. */
function unacknowledgedRuleIds(fixture: Fixture): Set<string> {
  const ids = new Set<string>();
  for (const pack of PACKS) {
    // cdk-nag 3 has no switch for this: its private isAcknowledged is replaced on this instance only.
    const blind = Object.assign(Object.create(Object.getPrototypeOf(pack)), pack, { isAcknowledged: () => false }) as NagPack;
    for (const v of blind.validateScope(fixture.stack).violations) ids.add(v.ruleName);
  }
  return ids;
}

test('every acknowledgement silences a finding the packs report without it, in some fixture (none is stale)', () => {
  // GIVEN acknowledgements made ahead of time (a role's future DefaultPolicy) count when they fire in any fixture
  const reported = new Set(fixtures.flatMap((f) => [...unacknowledgedRuleIds(f)]));
  // WHEN
  const stale = [...new Set(fixtures.flatMap((f) => acknowledgedUnder(f.stack)))].filter((id) => !reported.has(id)).sort();
  // THEN
  expect(stale).toEqual(STALE_PENDING);
});

/** Acknowledgements that no fixture needs, in code this suite may not edit yet (see docs/SECURITY-PROOF.md). */
const STALE_PENDING: string[] = [];

test('the inline-policy acknowledgement of the identity pool covers its own roles only', () => {
  // GIVEN a grant to the guest role (its DefaultPolicy) and a user's own policy on the authenticated role
  const stack = newTestStack();
  const pool = new FederatedIdentityPool(stack, 'Pool', { allowGuests: true });
  const read = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::public-assets/catalog.json'] });
  pool.addToGuestPolicy(read);
  new iam.Policy(stack, 'UserPolicy', { roles: [pool.authenticatedRole], statements: [read] });
  // WHEN
  const findings = [new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks()]
    .flatMap((pack) => pack.validateScope(stack).violations)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
  // THEN only the policy outside the pool is reported
  expect(findings.sort()).toEqual([
    'HIPAA.Security-IAMNoInlinePolicy at TestStack/UserPolicy/Resource',
    'NIST.800.53.R5-IAMNoInlinePolicy at TestStack/UserPolicy/Resource',
    'PCI.DSS.321-IAMNoInlinePolicy at TestStack/UserPolicy/Resource',
  ]);
});

/** Warnings do not fail the packs; they are the opt-in features left off by default. */
const EXPECTED_WARNINGS: string[] = [
  // X-Ray on the stage is opt-in (tracingEnabled: true); api-full turns it on.
  'api-default: Serverless-APIGWXrayEnabled at ApiDefault/Api/Api/DeploymentStage.prod/Resource',
  'reference-CognitoAccessReference: Serverless-APIGWXrayEnabled at CognitoAccessReference/Api/Api/DeploymentStage.prod/Resource',
  // The reference app's function does not turn on X-Ray (examples/app.ts).
  'reference-CognitoAccessReference: Serverless-LambdaTracing at CognitoAccessReference/WhoAmI/Resource',
];

/** Reasons: docs/SECURITY-PROOF.md, and the `reason` next to each `acknowledge` call in src/. */
const EXPECTED_ACKNOWLEDGEMENTS: Partial<Record<Subject, string[]>> = {
  CognitoUserPoolAuth: [
    'AwsSolutions-COG8', // featurePlan ESSENTIALS (default): threat protection needs PLUS
    'AwsSolutions-IAM5[Resource::*]', // SMS role: sns:Publish to phone numbers has no ARN
    'HIPAA.Security-IAMNoInlinePolicy', // SMS role: aws-cdk-lib's inline sns:Publish statement
    'NIST.800.53.R5-IAMNoInlinePolicy',
    'PCI.DSS.321-IAMNoInlinePolicy',
  ],
  FederatedIdentityPool: [
    'AwsSolutions-COG7', // allowGuests: true was asked for
    // Object wildcards below a per-identity or per-department prefix (policy variables), in the
    // authenticated baseline (PerDepartmentBucketAccess prefix mode adds to it).
    'AwsSolutions-IAM5[Resource::<AccessBucket.Arn>/departments/<aws:PrincipalTag/department>/shared/*]',
    'AwsSolutions-IAM5[Resource::<AccessBucket.Arn>/departments/<aws:PrincipalTag/department>/users/<cognito-identity.amazonaws.com:sub>/*]',
    'AwsSolutions-IAM5[Resource::<StorageBucket.Arn>/departments/<aws:PrincipalTag/department>/shared/*]',
    'AwsSolutions-IAM5[Resource::<StorageBucket.Arn>/departments/<aws:PrincipalTag/department>/users/<cognito-identity.amazonaws.com:sub>/*]',
    // A path parameter ({id}) of an IamAuthorizedApi route granted to every authenticated identity.
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<ApiCD79AAA0>/v1/PUT/items/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::data/private/<cognito-identity.amazonaws.com:sub>/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::photos/users/<cognito-identity.amazonaws.com:sub>/*]',
    // Roles of the pool: grants to one role land in its own DefaultPolicy.
    'HIPAA.Security-IAMNoInlinePolicy',
    'NIST.800.53.R5-IAMNoInlinePolicy',
    'PCI.DSS.321-IAMNoInlinePolicy',
  ],
  IamAuthorizedApi: [
    'AwsSolutions-APIG3', // no WAF web ACL unless webAclArn is given
    'AwsSolutions-COG4', // SigV4 with identity-pool credentials is the authorizer
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]', // cloudWatchRole
    'HIPAA.Security-APIGWCacheEnabledAndEncrypted', // stage: caching off by design (per-caller answers)
    'HIPAA.Security-APIGWSSLEnabled', // stage: integrations use IAM, no HTTP backend to authenticate to
    'HIPAA.Security-APIGWXrayEnabled', // stage, only while tracingEnabled is off
    'HIPAA.Security-CloudWatchLogGroupEncrypted', // access logs: CloudWatch Logs service encryption
    'NIST.800.53.R5-APIGWAssociatedWithWAF', // stage, only without webAclArn
    'NIST.800.53.R5-APIGWCacheEnabledAndEncrypted',
    'NIST.800.53.R5-APIGWSSLEnabled',
    'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
    'PCI.DSS.321-APIGWAssociatedWithWAF',
    'PCI.DSS.321-APIGWCacheEnabledAndEncrypted',
    'PCI.DSS.321-APIGWSSLEnabled',
    'PCI.DSS.321-CloudWatchLogGroupEncrypted',
  ],
  PerDepartmentBucketAccess: [
    'AwsSolutions-IAM5[Resource::<AccessBucket.Arn>/departments/*]', // adminGroup reads every department
    // bucket mode: the bucket the role tag names, its shared area and the caller's own area
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<aws:PrincipalTag/department-bucket>/shared/*]',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<aws:PrincipalTag/department-bucket>/users/<cognito-identity.amazonaws.com:sub>/*]',
    'HIPAA.Security-IAMNoInlinePolicy', // the admin role's policy, bound to it
    'HIPAA.Security-S3BucketReplicationEnabled', // replication is a disaster-recovery choice left to the user
    'HIPAA.Security-S3DefaultEncryptionKMS', // SSE-S3 unless encryptionKey; log delivery needs SSE-S3
    'NIST.800.53.R5-IAMNoInlinePolicy',
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    'PCI.DSS.321-IAMNoInlinePolicy',
    'PCI.DSS.321-S3BucketReplicationEnabled',
    'PCI.DSS.321-S3DefaultEncryptionKMS',
  ],
};

const EXPECTED_REFERENCE_APP_ACKNOWLEDGEMENTS: string[] = [
  // examples/app.ts, the WhoAmI function, its role and log group (reasons in the app)
  'HIPAA.Security-CloudWatchLogGroupEncrypted',
  'HIPAA.Security-IAMNoInlinePolicy',
  'HIPAA.Security-LambdaConcurrency',
  'HIPAA.Security-LambdaDLQ',
  'HIPAA.Security-LambdaInsideVPC',
  'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
  'NIST.800.53.R5-IAMNoInlinePolicy',
  'NIST.800.53.R5-LambdaConcurrency',
  'NIST.800.53.R5-LambdaDLQ',
  'NIST.800.53.R5-LambdaInsideVPC',
  'PCI.DSS.321-CloudWatchLogGroupEncrypted',
  'PCI.DSS.321-IAMNoInlinePolicy',
  'PCI.DSS.321-LambdaInsideVPC',
  'Serverless-LambdaDLQ',
];
