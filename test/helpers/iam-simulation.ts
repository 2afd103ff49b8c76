/**
 * Access claims proven by an independent IAM policy simulator (@cloud-copilot/iam-simulate)
 * over the policies of a synthesized template. See ../../../shared/docs/VERIFY.md for the traps:
 * `runSimulation` drops `${cognito-identity.amazonaws.com:sub}` (so identity policies go through
 * `runUnsafeSimulation`, after `runSimulation` validated them), and `runUnsafeSimulation`
 * cannot take a resource policy (so resource policies go through `runSimulation`, with the
 * assertion that it ignored no context key).
 */
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FAKE_ACCOUNT, TemplateJson, TemplateResolver } from './template-resolver';

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/** The claims Cognito puts in the web identity token it hands to STS. */
export interface WebIdentity {
  /** The identity pool id the token was issued for (`cognito-identity.amazonaws.com:aud`). */
  readonly aud: string;
  /** `authenticated` or `unauthenticated`, plus the provider entries (`cognito-identity.amazonaws.com:amr`). */
  readonly amr: string[];
}

/** A request made with a role's credentials. */
export interface RoleRequest {
  readonly action: string;
  readonly resource: string;
  /** Context keys, e.g. `cognito-identity.amazonaws.com:sub`, `aws:PrincipalTag/department`, `s3:prefix`. */
  readonly context?: { [key: string]: string | string[] };
  /** A resource policy to evaluate too (bucket policy, API resource policy, key policy). */
  readonly resourcePolicy?: any;
}

const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

export class AccessSimulator {
  /** Simulates the template of a stack (synthesized with validation off by the caller's App). */
  static fromStack(stack: Stack): AccessSimulator {
    return new AccessSimulator(Template.fromStack(stack).toJSON() as TemplateJson);
  }

  readonly resolver: TemplateResolver;

  constructor(template: TemplateJson) {
    this.resolver = new TemplateResolver(template);
  }

  /** The resolved trust policy of a role. */
  trustPolicy(roleId: string): any {
    const role = this.resolver.resource(roleId);
    if (role.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is a ${role.Type}, not a role`);
    return this.resolver.resolve(role.Properties.AssumeRolePolicyDocument);
  }

  /** Every identity policy that applies to a role: inline, AWS::IAM::Policy and customer managed. */
  identityPolicies(roleId: string): { name: string; policy: any }[] {
    const role = this.resolver.resource(roleId);
    const policies: { name: string; policy: any }[] = [];
    for (const p of role.Properties?.Policies ?? []) {
      policies.push({ name: `${roleId}/${p.PolicyName}`, policy: this.resolver.resolve(p.PolicyDocument) });
    }
    for (const [id, res] of Object.entries(this.resolver.template.Resources)) {
      // Only policies have a Roles list (an identity pool role attachment has a Roles map).
      if (res.Type !== 'AWS::IAM::Policy' && res.Type !== 'AWS::IAM::ManagedPolicy') continue;
      const attachedHere = (res.Properties?.Roles ?? []).some((r: any) => r?.Ref === roleId);
      if (attachedHere) {
        policies.push({ name: id, policy: this.resolver.resolve(res.Properties.PolicyDocument) });
      }
    }
    for (const arn of role.Properties?.ManagedPolicyArns ?? []) {
      const id = arn?.Ref;
      if (!id || this.resolver.resource(id).Type !== 'AWS::IAM::ManagedPolicy') {
        throw new Error(`${roleId} has a managed policy the simulator cannot read: ${JSON.stringify(arn)}`);
      }
      const alreadyCounted = policies.some((p) => p.name === id);
      if (!alreadyCounted) policies.push({ name: id, policy: this.resolver.resolve(this.resolver.resource(id).Properties.PolicyDocument) });
    }
    return policies;
  }

  /**
   * Can a Cognito identity with these token claims obtain the role's credentials?
   * `sts:TagSession` is simulated as well when `withSessionTags` is set, since STS asks for both.
   */
  async canAssume(roleId: string, identity: WebIdentity, action = 'sts:AssumeRoleWithWebIdentity'): Promise<Decision> {
    const result = await runSimulation({
      request: {
        principal: COGNITO_IDENTITY,
        action,
        resource: { resource: `arn:aws:iam::${FAKE_ACCOUNT}:role/${this.resolver.ref(roleId)}`, accountId: FAKE_ACCOUNT },
        contextVariables: {
          [`${COGNITO_IDENTITY}:aud`]: identity.aud,
          [`${COGNITO_IDENTITY}:amr`]: identity.amr,
        },
      },
      identityPolicies: [],
      resourcePolicy: this.trustPolicy(roleId),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    }, {});
    return singleDecision(result, `assume ${roleId}`);
  }

  /** The decision for a request made with the role's credentials. */
  async request(roleId: string, req: RoleRequest): Promise<Decision> {
    const principal = `arn:aws:sts::${FAKE_ACCOUNT}:assumed-role/${this.resolver.ref(roleId)}/CognitoIdentityCredentials`;
    const simulation = {
      request: {
        principal,
        action: req.action,
        resource: { resource: req.resource, accountId: FAKE_ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', ...(req.context ?? {}) },
      },
      identityPolicies: this.identityPolicies(roleId),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    };
    // runSimulation validates the policies; its decision is not used when it ignored policy variables.
    const checked = await runSimulation(simulation, {});
    if (checked.resultType === 'error') throw new Error(`invalid simulation: ${JSON.stringify(checked.errors)}`);
    const identityDecision = runUnsafeSimulation(simulation, {}) as Decision;
    if (!req.resourcePolicy) return identityDecision;

    const resourceOnly = await runSimulation({ ...simulation, identityPolicies: [], resourcePolicy: req.resourcePolicy }, {});
    const resourceDecision = singleDecision(resourceOnly, `resource policy for ${req.action}`);
    if (identityDecision === 'ExplicitlyDenied' || resourceDecision === 'ExplicitlyDenied') return 'ExplicitlyDenied';
    // Same account: an allow in either policy is enough.
    return identityDecision === 'Allowed' || resourceDecision === 'Allowed' ? 'Allowed' : 'ImplicitlyDenied';
  }
}

function singleDecision(result: any, what: string): Decision {
  if (result.resultType === 'error') throw new Error(`simulation of ${what} failed: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`simulation of ${what} was not for a single resource`);
  const ignored: string[] = result.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) {
    throw new Error(`simulation of ${what} ignored context keys ${ignored.join(', ')}: its decision proves nothing`);
  }
  return result.overallResult as Decision;
}
