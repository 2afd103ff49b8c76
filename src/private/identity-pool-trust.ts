import * as iam from 'aws-cdk-lib/aws-iam';

/** Which identities of the pool a role trusts. */
export enum TrustedIdentities {
  AUTHENTICATED = 'authenticated',
  UNAUTHENTICATED = 'unauthenticated',
}

/**
 * The web identity principal of an identity-pool role, pinned to one pool (`aud`) and one
 * kind of identity (`amr`). It keeps the trust statement it adds, so that `sts:TagSession` can
 * be added to it later, when the first principal tag is mapped.
 */
export class IdentityPoolTrustPrincipal extends iam.WebIdentityPrincipal {
  private readonly statements: iam.PolicyStatement[] = [];
  private tagSession = false;

  constructor(issuer: string, identityPoolId: string, trusted: TrustedIdentities) {
    super(issuer, {
      'StringEquals': { [`${issuer}:aud`]: identityPoolId },
      'ForAnyValue:StringLike': { [`${issuer}:amr`]: trusted },
    });
  }

  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    const statement = new iam.PolicyStatement({ actions: [this.assumeRoleAction], principals: [this] });
    if (this.tagSession) statement.addActions('sts:TagSession');
    this.statements.push(statement);
    document.addStatements(statement);
  }

  /** Lets the trusted identities pass session tags (needed for principal tags). Idempotent. */
  public allowSessionTags(): void {
    if (this.tagSession) return;
    this.tagSession = true;
    for (const statement of this.statements) statement.addActions('sts:TagSession');
  }
}
