import * as iam from 'aws-cdk-lib/aws-iam';

/** Adds a statement to the shared baseline policy and returns that policy. */
export type AddToBaseline = (statement: iam.PolicyStatement) => iam.ManagedPolicy;

/**
 * A grantee standing for every authenticated identity of a pool, whatever role mapping picks:
 * identity-policy grants land in the shared baseline policy. Resource-policy fallbacks (cross
 * account) name the authenticated role, the only principal a resource policy can name here.
 */
export class AuthenticatedIdentitiesPrincipal implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;
  public readonly assumeRoleAction: string;
  public readonly principalAccount?: string;

  constructor(private readonly role: iam.IRole, private readonly addToBaseline: AddToBaseline) {
    this.assumeRoleAction = role.grantPrincipal.assumeRoleAction;
    this.principalAccount = role.grantPrincipal.principalAccount;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.role.grantPrincipal.policyFragment;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    return { statementAdded: true, policyDependable: this.addToBaseline(statement) };
  }
}
