import { createHash } from 'crypto';

/**
 * Turns a synthesized template's policies into concrete IAM JSON for the simulator.
 *
 * Every Ref / Fn::GetAtt / Fn::Join / Fn::Sub / Fn::Select / Fn::Split is resolved to a fake but
 * deterministic value. A reference the resolver does not know throws: a silently unresolved
 * reference would turn an access assertion into a no-op.
 */

export const FAKE_ACCOUNT = '123456789012';
export const FAKE_REGION = 'us-east-1';
export const FAKE_PARTITION = 'aws';

type Json = any;

export interface TemplateJson {
  readonly Resources: { [id: string]: { Type: string; Properties?: Json } };
  readonly Parameters?: { [id: string]: Json };
}

const PSEUDO: { [name: string]: string } = {
  'AWS::AccountId': FAKE_ACCOUNT,
  'AWS::Region': FAKE_REGION,
  'AWS::Partition': FAKE_PARTITION,
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'TestStack',
  'AWS::NoValue': '',
};

export class TemplateResolver {
  constructor(public readonly template: TemplateJson) {}

  /** The resource of this logical id, or an error naming the ids that exist. */
  resource(logicalId: string): { Type: string; Properties?: Json } {
    const res = this.template.Resources[logicalId];
    if (!res) {
      throw new Error(`no resource '${logicalId}' in the template (have: ${Object.keys(this.template.Resources).join(', ')})`);
    }
    return res;
  }

  /** Logical ids of the resources of a CloudFormation type. */
  idsOfType(type: string): string[] {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Type === type).map(([id]) => id);
  }

  /** What `Ref` returns for a resource, faked deterministically from its logical id. */
  ref(logicalId: string): string {
    if (PSEUDO[logicalId] !== undefined) return PSEUDO[logicalId];
    if (this.template.Parameters?.[logicalId]) return `param-${logicalId}`;
    const res = this.resource(logicalId);
    const name = logicalId.toLowerCase();
    switch (res.Type) {
      case 'AWS::IAM::Role':
      case 'AWS::S3::Bucket':
      case 'AWS::Logs::LogGroup':
      case 'AWS::Lambda::Function':
      case 'AWS::IAM::Policy':
      case 'AWS::SSM::Parameter':
        return res.Properties?.RoleName ?? res.Properties?.BucketName ?? name;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:${FAKE_PARTITION}:iam::${FAKE_ACCOUNT}:policy/${name}`;
      case 'AWS::Cognito::IdentityPool':
        return `${FAKE_REGION}:00000000-0000-0000-0000-${hex12(logicalId)}`;
      case 'AWS::Cognito::UserPool':
        return `${FAKE_REGION}_${logicalId.slice(0, 9)}`;
      case 'AWS::Cognito::UserPoolClient':
        return `client${hex12(logicalId)}`;
      case 'AWS::ApiGateway::RestApi':
        return `api${hex12(logicalId).slice(0, 7)}`;
      case 'AWS::ApiGateway::Stage':
        return res.Properties?.StageName ?? name;
      case 'AWS::KMS::Key':
        return `key-${hex12(logicalId)}`;
      default:
        return `ref-${name}`;
    }
  }

  /** What `Fn::GetAtt` returns, for the attributes policies use. */
  getAtt(logicalId: string, attribute: string): string {
    const res = this.resource(logicalId);
    const key = `${res.Type}.${attribute}`;
    switch (key) {
      case 'AWS::IAM::Role.Arn':
        return `arn:${FAKE_PARTITION}:iam::${FAKE_ACCOUNT}:role/${this.ref(logicalId)}`;
      case 'AWS::S3::Bucket.Arn':
        return `arn:${FAKE_PARTITION}:s3:::${this.ref(logicalId)}`;
      case 'AWS::S3::Bucket.RegionalDomainName':
      case 'AWS::S3::Bucket.DomainName':
        return `${this.ref(logicalId)}.s3.${FAKE_REGION}.amazonaws.com`;
      case 'AWS::KMS::Key.Arn':
        return `arn:${FAKE_PARTITION}:kms:${FAKE_REGION}:${FAKE_ACCOUNT}:key/${this.ref(logicalId)}`;
      case 'AWS::Cognito::UserPool.Arn':
        return `arn:${FAKE_PARTITION}:cognito-idp:${FAKE_REGION}:${FAKE_ACCOUNT}:userpool/${this.ref(logicalId)}`;
      case 'AWS::Cognito::UserPool.ProviderName':
        return `cognito-idp.${FAKE_REGION}.amazonaws.com/${this.ref(logicalId)}`;
      case 'AWS::Lambda::Function.Arn':
        return `arn:${FAKE_PARTITION}:lambda:${FAKE_REGION}:${FAKE_ACCOUNT}:function:${this.ref(logicalId)}`;
      case 'AWS::Logs::LogGroup.Arn':
        return `arn:${FAKE_PARTITION}:logs:${FAKE_REGION}:${FAKE_ACCOUNT}:log-group:${this.ref(logicalId)}:*`;
      case 'AWS::ApiGateway::RestApi.RootResourceId':
        return `root${hex12(logicalId).slice(0, 6)}`;
      case 'AWS::DynamoDB::Table.Arn':
        return `arn:${FAKE_PARTITION}:dynamodb:${FAKE_REGION}:${FAKE_ACCOUNT}:table/${this.ref(logicalId)}`;
      default:
        throw new Error(`the resolver does not know Fn::GetAtt ${logicalId}.${attribute} (${res.Type}); teach it in test/helpers/template-resolver.ts`);
    }
  }

  /** Resolves every intrinsic inside a JSON value. */
  resolve(value: Json): Json {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = value[fn];
      switch (fn) {
        case 'Ref':
          return this.ref(arg);
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
          return this.getAtt(id, attr);
        }
        case 'Fn::Join': {
          const [sep, parts] = arg;
          return (this.resolve(parts) as Json[]).join(sep);
        }
        case 'Fn::Select': {
          const [index, list] = arg;
          return (this.resolve(list) as Json[])[Number(this.resolve(index))];
        }
        case 'Fn::Split': {
          const [sep, str] = arg;
          return String(this.resolve(str)).split(sep);
        }
        case 'Fn::Sub':
          return this.sub(arg);
        case 'Fn::If':
        case 'Fn::ImportValue':
        case 'Fn::FindInMap':
          throw new Error(`the resolver does not know ${fn}: ${JSON.stringify(arg)}`);
        default:
          break;
      }
    }
    const out: Json = {};
    for (const k of keys) out[k] = this.resolve(value[k]);
    return out;
  }

  private sub(arg: Json): string {
    const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
    return String(text).replace(/\$\{([^}!]+)\}/g, (whole, name: string) => {
      if (vars && vars[name] !== undefined) return String(this.resolve(vars[name]));
      // IAM policy variables such as ${aws:PrincipalTag/x} are not CloudFormation references.
      if (name.includes(':') && !name.startsWith('AWS::')) return whole;
      const [id, attr] = name.split('.');
      return attr ? this.getAtt(id, attr) : this.ref(id);
    });
  }
}

function hex12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
