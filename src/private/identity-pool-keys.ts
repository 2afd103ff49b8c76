import { createHash } from 'crypto';
import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A stable alphanumeric key for a provider name, for construct ids and role-mapping keys.
 *
 * It depends on the provider only, never on the order providers were added: a principal-tag
 * resource is identified by (pool, provider), so a new logical id for the same provider would
 * make CloudFormation create a duplicate before deleting the old one. Token names (a user pool's
 * provider name) are keyed by what they resolve to, i.e. the referenced logical ids.
 */
export function providerKey(scope: IConstruct, name: string): string {
  const unresolved = Token.isUnresolved(name);
  const identity = unresolved ? JSON.stringify(Stack.of(scope).resolve(name)) : name;
  const readable = unresolved ? 'Provider' : name.replace(/[^A-Za-z0-9]/g, '').slice(0, 40);
  return `${readable}${createHash('sha256').update(identity).digest('hex').slice(0, 8).toUpperCase()}`;
}
