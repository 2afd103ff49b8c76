import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { asArray, flatten, flattenAll, isFullyKnown } from './private/intrinsics';
import { attachedRoleIds, isAllow, policyDocumentsOf, Statement, statementsOf } from './private/policies';
import { guestRoleIds } from './private/pool-roles';
import { CognitoAccessRuleSpec, readable } from './private/rule-spec';

// Verbs that change state (or pass privileges) across AWS services. Reads (Get, List, Describe),
// and execute-api:Invoke, which is how guests call an API, are left out.
const WRITE_VERBS = [
  'Put', 'Delete', 'Create', 'Update', 'Write', 'Attach', 'Detach', 'Remove', 'Add', 'Modify', 'Set', 'Tag', 'Untag',
  'Upload', 'Restore', 'Replace', 'Reset', 'Change', 'Enable', 'Disable', 'Associate', 'Disassociate', 'Import',
  'Start', 'Stop', 'Terminate', 'Run', 'Send', 'Publish', 'Copy', 'Complete', 'Abort', 'BatchWrite', 'BatchDelete',
  'BatchPut', 'Pass', 'Admin', 'Purge', 'Register', 'Deregister', 'Revoke', 'Grant', 'Cancel', 'Rotate', 'Execute',
].map((v) => v.toLowerCase());

// AWS managed policies whose name says they grant everything, or write access to a service.
const BROAD_MANAGED_POLICY = /:iam::aws:policy\/(?:.*\/)?([^/]*(?:AdministratorAccess|PowerUserAccess|FullAccess)[^/]*)$/i;

/** Whether an action pattern grants, or may grant through a wildcard, a write action. */
function isWriteOrWildcard(action: string): boolean {
  if (action === '*') return true;
  const colon = action.indexOf(':');
  if (colon < 0) return /[*?]/.test(action);
  const verb = action.slice(colon + 1).toLowerCase();
  const wildcard = verb.search(/[*?]/);
  if (wildcard < 0) return WRITE_VERBS.some((w) => verb.startsWith(w));
  const prefix = verb.slice(0, wildcard);
  return prefix === '' || WRITE_VERBS.some((w) => w.startsWith(prefix) || prefix.startsWith(w));
}

function statementFindings(statement: Statement): string[] {
  if (!isAllow(statement)) return [];
  if (statement.NotAction !== undefined) {
    // Allow + NotAction grants every action but the listed ones.
    return isFullyKnown(statement.NotAction) ? [`NotAction::${flattenAll(statement.NotAction).join(',')}`] : [];
  }
  return flattenAll(statement.Action).filter(isWriteOrWildcard).map((a) => `Action::${a}`);
}

/**
 * CognitoAccess-GuestWrite: the role guests obtain must not write, nor hold wildcard actions.
 *
 * Findings are per action (`CognitoAccess-GuestWrite[Action::s3:PutObject]`), so an intended
 * guest write is acknowledged alone and a later `s3:*` still shows.
 */
export const GUEST_WRITE_RULE: CognitoAccessRuleSpec = {
  suffix: 'GuestWrite',
  level: NagMessageLevel.ERROR,
  info: 'A role that unauthenticated (guest) identities obtain is granted write or wildcard actions.',
  explanation: 'Anyone on the internet can get guest credentials from an identity pool that allows unauthenticated identities, with no sign-in and '
    + 'no rate limit per person: write access (Put*, Delete*, Create*, Update*...), service:* or * lets them alter or fill your resources. '
    + 'Fix: give the guest role read-only actions on the narrowest resources, move writes to the authenticated role, or acknowledge the exact '
    + 'finding (e.g. CognitoAccess-GuestWrite[Action::mobiletargeting:PutEvents]) when a guest write is intended.',
  check: (node) => {
    const found = readable(node, 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy');
    if (!found) return NagRuleCompliance.NOT_APPLICABLE;
    const guests = guestRoleIds(found.model);
    if (!attachedRoleIds(found.resource, found.model).some((id) => guests.has(id))) return NagRuleCompliance.NOT_APPLICABLE;

    const findings = new Set<string>();
    for (const document of policyDocumentsOf(found.resource)) {
      for (const statement of statementsOf(document) ?? []) statementFindings(statement).forEach((f) => findings.add(f));
    }
    if (found.resource.type === 'AWS::IAM::Role') {
      for (const arn of asArray(found.resource.properties?.ManagedPolicyArns).map(flatten)) {
        const name = arn === undefined ? undefined : BROAD_MANAGED_POLICY.exec(arn)?.[1];
        if (name) findings.add(`Policy::${name}`);
      }
    }
    return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
  },
};
