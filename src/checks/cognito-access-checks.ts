import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag/lib/nag-pack';
import { IConstruct } from 'constructs';
import { CLASSIC_FLOW_RULE } from './classic-flow';
import { GUEST_WRITE_RULE } from './guest-write';
import { LIST_BUCKET_PREFIX_RULE } from './list-bucket-prefix';
import { MAPPING_RULES_RULE } from './mapping-rules';
import { CognitoAccessRuleSpec } from './private/rule-spec';
import { StackModel } from './private/stack-model';
import { TAG_SESSION_RULE } from './tag-session';
import { TRUST_AMR_RULE } from './trust-amr';
import { TRUST_AUD_RULE } from './trust-aud';

/**
 * The ids of the rules of `CognitoAccessChecks`, for `Validations.of(scope).acknowledge({ id, reason })`.
 *
 * A rule that reports findings (GuestWrite) is acknowledged per finding:
 * `CognitoAccess-GuestWrite[Action::s3:PutObject]`.
 */
export enum CognitoAccessRule {
  /**
   * A role trusted by `cognito-identity.amazonaws.com` for `sts:AssumeRoleWithWebIdentity` has no
   * `StringEquals` condition on `cognito-identity.amazonaws.com:aud`: any identity pool, in any
   * account, could assume it.
   */
  TRUST_AUD = 'CognitoAccess-TrustAud',
  /**
   * A role trusted by `cognito-identity.amazonaws.com` has no `ForAnyValue:StringLike` condition on
   * `cognito-identity.amazonaws.com:amr`: guests and signed-in users are not told apart.
   */
  TRUST_AMR = 'CognitoAccess-TrustAmr',
  /**
   * A role guests obtain (trust amr `unauthenticated`, or the `unauthenticated` role of a role
   * attachment) holds write actions (Put, Delete, Create, Update...), `service:*` or `*`.
   */
  GUEST_WRITE = 'CognitoAccess-GuestWrite',
  /** An identity pool allows the classic (basic) flow, which bypasses role mappings. */
  CLASSIC_FLOW = 'CognitoAccess-ClassicFlow',
  /**
   * A policy scopes resources by `${cognito-identity.amazonaws.com:sub}` but grants
   * `s3:ListBucket` on a bucket without an `s3:prefix` condition: every user lists every key.
   */
  LIST_BUCKET_PREFIX = 'CognitoAccess-ListBucketPrefix',
  /** A rule-based role mapping has more than 25 rules for one provider (a hard Cognito quota). */
  MAPPING_RULES = 'CognitoAccess-MappingRules',
  /**
   * A role of an identity pool that maps principal tags does not allow `sts:TagSession` in its
   * trust policy: sign-ins that get it fail at run time.
   */
  TAG_SESSION = 'CognitoAccess-TagSession',
}

const PACK_NAME = 'CognitoAccess';

const RULES: CognitoAccessRuleSpec[] = [
  TRUST_AUD_RULE,
  TRUST_AMR_RULE,
  GUEST_WRITE_RULE,
  CLASSIC_FLOW_RULE,
  LIST_BUCKET_PREFIX_RULE,
  MAPPING_RULES_RULE,
  TAG_SESSION_RULE,
];

/**
 * A cdk-nag rule pack for the mistakes people make when they wire Cognito identity pools to IAM.
 *
 * Works on any app, built with this library or by hand with aws-cdk-lib: it reads the resources
 * as they will be synthesized (property overrides included) and follows `Ref`/`Fn::GetAtt`
 * within a stack, so a policy is judged with the role it is attached to, and a role with the
 * identity pool it serves. Values that cannot be known at synth time (parameters, `Fn::If`,
 * imports) are skipped rather than reported. Every rule is an error; see `CognitoAccessRule` for
 * the ids and their meaning.
 *
 * Register it on an app with `Validations.of(app).addPlugins(new CognitoAccessChecks(app))`, or
 * run it on a scope with `new CognitoAccessChecks().validateScope(stack)`, which returns the
 * report (`success`, `violations`). Accept a finding on the narrowest construct with
 * `Validations.of(construct).acknowledge({ id: CognitoAccessRule.TAG_SESSION, reason })`; GuestWrite
 * findings are accepted one by one, by their full id (`CognitoAccess-GuestWrite[Action::sns:Publish]`).
 */
export class CognitoAccessChecks extends NagPack {
  /** The name of the pack, the prefix of its rule ids. */
  public readonly name: string = PACK_NAME;

  /** The ids of the rules of this pack. */
  public readonly ruleIds?: string[] = RULES.map((r) => `${PACK_NAME}-${r.suffix}`);

  /**
   * @param scope the app or stage, needed only with `props.writeSuppressionsToCloudFormation`
   * @param props cdk-nag pack options (verbose explanations, acknowledgements in the template metadata)
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
  }

  /**
   * Runs every rule on every CloudFormation resource under a scope.
   *
   * @param scope an app, a stage, a stack or any construct
   * @returns the report: `success` is false when a rule found a violation that was not acknowledged
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    // Rules share one rendering of each stack per run; a second run reads the stacks afresh.
    StackModel.reset();
    try {
      return super.validateScope(scope);
    } finally {
      StackModel.reset();
    }
  }

  /**
   * Applies every rule of the pack to one resource (called by cdk-nag for each resource).
   *
   * @param node the resource to check
   */
  protected checkResource(node: CfnResource): void {
    for (const spec of RULES) {
      this.applyRule({
        ruleSuffixOverride: spec.suffix,
        info: spec.info,
        explanation: spec.explanation,
        level: spec.level,
        node,
        rule: spec.check,
      });
    }
  }
}
