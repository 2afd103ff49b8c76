import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { DEFAULT_ATTRIBUTE_MAPPINGS, DEFAULT_PROVIDER_SCOPES } from './user-pool-defaults';
import { logicalIdSuffix } from './user-pool-validation';
import type {
  AmazonProviderSpec, AppleProviderSpec, FacebookProviderSpec, GoogleProviderSpec, OidcProviderSpec, SamlProviderSpec,
} from '../cognito-user-pool-auth';

/** The federation part of CognitoUserPoolAuthProps. */
export interface FederationSpecs {
  readonly google?: GoogleProviderSpec;
  readonly facebook?: FacebookProviderSpec;
  readonly amazon?: AmazonProviderSpec;
  readonly apple?: AppleProviderSpec;
  readonly oidcProviders?: OidcProviderSpec[];
  readonly samlProviders?: SamlProviderSpec[];
}

/** A provider created for the pool, with the suffix that makes its stable logical id. */
export interface CreatedProvider {
  readonly provider: cognito.IUserPoolIdentityProvider;
  readonly logicalIdSuffix: string;
}

// Facebook and Login with Amazon only take a plain string: the secret is resolved by
// CloudFormation from its dynamic reference, so it never appears in the template.
function secretString(value: SecretValue): string {
  return value.unsafeUnwrap();
}

/** Creates every configured identity provider under `scope`, in a fixed order. */
export function createIdentityProviders(scope: Construct, userPool: cognito.IUserPool, specs: FederationSpecs): CreatedProvider[] {
  const created: CreatedProvider[] = [];
  if (specs.google) {
    const s = specs.google;
    created.push({
      logicalIdSuffix: 'Google',
      provider: new cognito.UserPoolIdentityProviderGoogle(scope, 'Google', {
        userPool,
        clientId: s.clientId,
        clientSecretValue: s.clientSecretValue,
        scopes: s.scopes ?? DEFAULT_PROVIDER_SCOPES.google,
        attributeMapping: s.attributeMapping ?? DEFAULT_ATTRIBUTE_MAPPINGS.google,
      }),
    });
  }
  if (specs.facebook) {
    const s = specs.facebook;
    created.push({
      logicalIdSuffix: 'Facebook',
      provider: new cognito.UserPoolIdentityProviderFacebook(scope, 'Facebook', {
        userPool,
        clientId: s.clientId,
        clientSecret: secretString(s.clientSecretValue),
        scopes: s.scopes ?? DEFAULT_PROVIDER_SCOPES.facebook,
        apiVersion: s.apiVersion,
        attributeMapping: s.attributeMapping ?? DEFAULT_ATTRIBUTE_MAPPINGS.facebook,
      }),
    });
  }
  if (specs.amazon) {
    const s = specs.amazon;
    created.push({
      logicalIdSuffix: 'Amazon',
      provider: new cognito.UserPoolIdentityProviderAmazon(scope, 'Amazon', {
        userPool,
        clientId: s.clientId,
        clientSecret: secretString(s.clientSecretValue),
        scopes: s.scopes ?? DEFAULT_PROVIDER_SCOPES.amazon,
        attributeMapping: s.attributeMapping ?? DEFAULT_ATTRIBUTE_MAPPINGS.amazon,
      }),
    });
  }
  if (specs.apple) {
    const s = specs.apple;
    created.push({
      logicalIdSuffix: 'Apple',
      provider: new cognito.UserPoolIdentityProviderApple(scope, 'Apple', {
        userPool,
        clientId: s.servicesId,
        teamId: s.teamId,
        keyId: s.keyId,
        privateKeyValue: s.privateKeyValue,
        scopes: s.scopes ?? DEFAULT_PROVIDER_SCOPES.apple,
        attributeMapping: s.attributeMapping ?? DEFAULT_ATTRIBUTE_MAPPINGS.apple,
      }),
    });
  }
  for (const s of specs.oidcProviders ?? []) {
    created.push({
      logicalIdSuffix: `Oidc${logicalIdSuffix(s.name)}`,
      provider: new cognito.UserPoolIdentityProviderOidc(scope, `Oidc${s.name}`, {
        userPool,
        name: s.name,
        clientId: s.clientId,
        clientSecret: secretString(s.clientSecretValue),
        issuerUrl: s.issuerUrl,
        scopes: s.scopes ?? DEFAULT_PROVIDER_SCOPES.oidc,
        identifiers: s.identifiers,
        attributeRequestMethod: s.attributeRequestMethod,
        endpoints: s.endpoints,
        attributeMapping: s.attributeMapping ?? DEFAULT_ATTRIBUTE_MAPPINGS.oidc,
      }),
    });
  }
  for (const s of specs.samlProviders ?? []) {
    created.push({
      logicalIdSuffix: `Saml${logicalIdSuffix(s.name)}`,
      provider: new cognito.UserPoolIdentityProviderSaml(scope, `Saml${s.name}`, {
        userPool,
        name: s.name,
        metadata: s.metadata,
        identifiers: s.identifiers,
        idpSignout: s.idpSignout,
        encryptedResponses: s.encryptedResponses,
        requestSigningAlgorithm: s.requestSigningAlgorithm,
        idpInitiated: s.idpInitiated,
        attributeMapping: s.attributeMapping ?? DEFAULT_ATTRIBUTE_MAPPINGS.saml,
      }),
    });
  }
  return created;
}
