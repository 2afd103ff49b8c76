import { Annotations, CfnElement, Duration, RemovalPolicy, Stack, Tags, Token, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FederatedIdentityPool } from './federated-identity-pool';
import { PolicyVariables } from './policy-variables';
import {
  allowAccessLogDelivery, createAccessLogsBucket, createDataBucket, DepartmentBucketSettings, enableAccessLogs,
} from './private/department-bucket';
import {
  BUCKET_POLICY_MAX_BYTES, checkResourceBudget, estimatePolicySize, INLINE_POLICIES_MAX_CHARS, MANAGED_POLICY_MAX_CHARS,
} from './private/department-limits';
import { DepartmentBucketIds, pinLogicalId } from './private/department-logical-ids';
import { acknowledgeBucketFindings, acknowledgeRolePolicy } from './private/department-nag';
import { assertDepartmentName } from './private/department-names';
import { tagRoleForAccess } from './private/department-role-tags';
import {
  bucketModeAdminResourceStatement, bucketModeAreas, DEPARTMENT_BUCKET_TAG, DEPARTMENT_TAG, departmentTagGuard, identityIdVariable,
  keyStatement, MemberAreas, memberStatements, prefixModeAdminStatements, prefixModeAreas, taggedBucketArn,
} from './private/department-statements';
import { validateDepartmentProps } from './private/department-validation';
import { sanitizeLogicalId } from './private/user-pool-validation';

/**
 * A department: a user-pool group whose members share an area and each have a private one.
 */
export interface DepartmentSpec {
  /**
   * The department name: the bucket tag value, the key prefix in prefix mode and the role tag.
   *
   * 1-40 lowercase letters, digits and inner hyphens (`^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$`).
   */
  readonly name: string;
  /**
   * The user-pool group whose members belong to the department.
   *
   * Created in the identity pool's `userPoolAuth` when it does not exist yet. Not used when the
   * department comes from `departmentAttribute`.
   *
   * @default - the department name
   */
  readonly groupName?: string;
  /**
   * Whether members may only read the department's shared area.
   *
   * Each member's private area stays readable and writable by that member.
   *
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * The precedence of the department's group when this construct creates it: a user in several
   * groups with roles gets the role of the group with the lowest precedence.
   *
   * @default - no precedence: a user in several department groups must pick a role
   * (`CustomRoleArn`), otherwise the identity pool's ambiguous role resolution applies
   */
  readonly precedence?: number;
}

/**
 * CORS rules for browser uploads and downloads with identity-pool credentials.
 */
export interface DepartmentBucketCors {
  /**
   * The web origins allowed to call the buckets, e.g. `https://app.example.com`.
   *
   * Explicit origins only: `*` and other wildcards are rejected.
   */
  readonly allowedOrigins: string[];
  /**
   * The HTTP methods allowed.
   *
   * @default - GET, HEAD, PUT, POST and DELETE
   */
  readonly allowedMethods?: s3.HttpMethods[];
  /**
   * The request headers allowed (SigV4 requests send `authorization`, `x-amz-*` and `content-*`).
   *
   * @default ['*']
   */
  readonly allowedHeaders?: string[];
  /**
   * The response headers the browser may read.
   *
   * @default ['ETag'] (multipart uploads need it)
   */
  readonly exposedHeaders?: string[];
  /**
   * How long a browser may cache the preflight response.
   *
   * @default Duration.hours(1)
   */
  readonly maxAge?: Duration;
}

/**
 * How departments are kept apart.
 */
export class DepartmentIsolation {
  /**
   * A bucket and a role per department: the department's user-pool group gets a role
   * (token-based mapping) that reaches its own bucket only.
   *
   * Each role is tagged `department-bucket=<its bucket's name>`, and one managed policy with
   * `${aws:PrincipalTag/department-bucket}` in its ARNs serves every department (a second one
   * every read-only department), so the policies do not grow with departments. Four
   * CloudFormation resources per department (bucket, bucket policy, group, role): 123
   * departments fit in a stack next to the user pool and the identity pool. The constructor
   * fails, naming how many fit, rather than CloudFormation at 500 resources.
   */
  public static readonly BUCKET_PER_DEPARTMENT = new DepartmentIsolation('BUCKET_PER_DEPARTMENT');

  /**
   * One bucket, a prefix per department, selected by the principal tag `department` (ABAC).
   *
   * One set of statements with `${aws:PrincipalTag/department}` serves every department. With
   * `departmentAttribute` the template does not grow with the number of departments; without it
   * each department's group gets a role tagged `department=<name>` (role tags are principal tags),
   * and all those roles share one managed policy: two resources per department.
   */
  public static readonly PREFIX_PER_DEPARTMENT = new DepartmentIsolation('PREFIX_PER_DEPARTMENT');

  /**
   * @param strategy the strategy's name
   */
  private constructor(public readonly strategy: string) {}
}

/**
 * Properties of `PerDepartmentBucketAccess`.
 */
export interface PerDepartmentBucketAccessProps {
  /**
   * The identity pool whose credentials reach the data.
   *
   * Group-based departments need its `userPoolAuth`.
   */
  readonly identityPool: FederatedIdentityPool;
  /**
   * The departments.
   *
   * May be empty in prefix mode with `departmentAttribute`: any department named by the
   * attribute then works, and the list only marks read-only departments.
   */
  readonly departments: DepartmentSpec[];
  /**
   * How departments are isolated from each other.
   *
   * @default DepartmentIsolation.BUCKET_PER_DEPARTMENT
   */
  readonly isolation?: DepartmentIsolation;
  /**
   * Prefix mode only: the token claim that carries the user's department, e.g.
   * `custom:department`. It is mapped to the session tag `department`.
   *
   * The attribute must not be writable by users (leave it out of every app client's
   * `writeAttributes`), or a user could move themselves into another department.
   *
   * @default - the department comes from the user's group: each department's group gets a role
   * tagged `department=<name>`
   */
  readonly departmentAttribute?: string;
  /**
   * A user-pool group whose members may read (and list) every department's data, private areas
   * included. Created when it does not exist.
   *
   * @default - no admin group
   */
  readonly adminGroup?: string;
  /**
   * A KMS key for the data buckets (SSE-KMS with a bucket key); the roles get its use through S3.
   *
   * @default - S3-managed encryption (SSE-S3)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * CORS rules, for web apps that upload and download directly.
   *
   * @default - no CORS: browsers cannot call the buckets
   */
  readonly cors?: DepartmentBucketCors;
  /**
   * How long replaced and deleted object versions are kept.
   *
   * @default Duration.days(90)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * What happens to the buckets when they leave the stack. Buckets are never emptied
   * automatically, so `DESTROY` fails on a bucket that holds objects.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Where the data buckets' server access logs go.
   *
   * One statement is added to its bucket policy for the S3 logging service (an imported bucket
   * must already allow `logging.s3.amazonaws.com` to put objects).
   *
   * @default - a log bucket is created (private, TLS only, SSE-S3, versioned, retained)
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * The start of the buckets' logical ids: `<prefix>AccessLogs`, `<prefix>Bucket` (prefix mode)
   * and `<prefix><department>Bucket<hash of the name>` (bucket mode).
   *
   * Buckets hold data and are retained, and a new logical id makes CloudFormation create a new,
   * empty bucket. The ids therefore never depend on where the construct sits in the tree:
   * wrapping or moving it keeps them. Set this to keep them when renaming the construct id.
   *
   * @default - the construct id, letters and digits only
   */
  readonly bucketLogicalIdPrefix?: string;
}

/** What one department owns. */
interface DepartmentEntry {
  readonly spec: DepartmentSpec;
  readonly groupName: string;
  readonly readOnly: boolean;
  readonly bucket?: s3.Bucket;
  readonly role?: iam.Role;
}

/** Where the department policies find a member's areas, and the principal tag that selects them. */
interface DepartmentLayout {
  /** The ARN of the bucket (bucket mode: the bucket named by the role tag). */
  readonly bucketArn: string;
  readonly areas: MemberAreas;
  /** The principal tag that selects the department's data. */
  readonly tag: string;
  /** What the tag selects, for the policy descriptions. */
  readonly selects: string;
}

const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(90);

/**
 * Departments isolated from each other and users isolated inside them, in S3, enforced by IAM
 * through a Cognito identity pool.
 *
 * Key layout: each department has a shared area and each member a private area named by their
 * identity id (`${cognito-identity.amazonaws.com:sub}`):
 * - bucket per department: `shared/` and `users/<identity id>/` in the department's bucket;
 * - prefix per department: `departments/<department>/shared/` and
 *   `departments/<department>/users/<identity id>/` in one bucket.
 *
 * A member may read (and, unless read-only, write) the shared area, read and write their own
 * area, and list only those two (`s3:prefix`). Nothing else: not the bucket root, not another
 * department, not another member's area.
 */
export class PerDepartmentBucketAccess extends Construct {
  /** The identity pool whose roles are granted access. */
  public readonly identityPool: FederatedIdentityPool;
  /** The isolation strategy. */
  public readonly isolation: DepartmentIsolation;
  /** The claim mapped to the `department` session tag, in prefix mode with a user attribute. */
  public readonly departmentAttribute?: string;
  /** The one data bucket, in prefix mode. */
  public readonly bucket?: s3.Bucket;
  /** The start of the buckets' logical ids (see `bucketLogicalIdPrefix`). */
  public readonly bucketLogicalIdPrefix: string;
  /** The bucket receiving the data buckets' server access logs (created, or the one given). */
  public readonly accessLogsBucket: s3.IBucket;
  /** The KMS key of the data buckets, when one was given. */
  public readonly encryptionKey?: kms.IKey;
  /** The admin group's role, when `adminGroup` was given. */
  public readonly adminRole?: iam.Role;
  /** The admin role's policy (prefix mode, or a KMS key in bucket mode). */
  public readonly adminPolicy?: iam.Policy;
  /**
   * Departments from groups: the ABAC policy attached to every read-write department's role
   * (absent when every department is read-only).
   */
  public readonly readWritePolicy?: iam.ManagedPolicy;
  /**
   * Departments from groups: the ABAC policy attached to every read-only department's role
   * (absent when no department is read-only).
   */
  public readonly readOnlyPolicy?: iam.ManagedPolicy;

  private readonly departments = new Map<string, DepartmentEntry>();
  private readonly settings: DepartmentBucketSettings;
  private readonly bucketIds: DepartmentBucketIds;
  private readonly identityId: string;
  private readonly attributeStatements: iam.PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: PerDepartmentBucketAccessProps) {
    super(scope, id);
    this.identityPool = props.identityPool;
    this.isolation = props.isolation ?? DepartmentIsolation.BUCKET_PER_DEPARTMENT;
    this.departmentAttribute = props.departmentAttribute;
    this.encryptionKey = props.encryptionKey;
    this.identityId = identityIdVariable(this);
    const bucketMode = this.isolation.strategy === DepartmentIsolation.BUCKET_PER_DEPARTMENT.strategy;
    const groupBased = bucketMode || props.departmentAttribute === undefined;

    validateDepartmentProps(props, bucketMode, groupBased);
    this.bucketIds = new DepartmentBucketIds(props.bucketLogicalIdPrefix ?? sanitizeLogicalId(id));
    this.bucketLogicalIdPrefix = this.bucketIds.prefix;
    const specs = props.departments;
    checkResourceBudget(this, props, bucketMode, groupBased);

    this.settings = {
      encryptionKey: props.encryptionKey,
      corsRules: props.cors ? [renderCors(props.cors)] : undefined,
      noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    };
    if (this.settings.removalPolicy === RemovalPolicy.DESTROY) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:departmentBucketsDestroyed',
        'removalPolicy DESTROY: department buckets are deleted with the stack when empty (they are never emptied automatically); keep RETAIN for real data');
    }

    this.accessLogsBucket = props.serverAccessLogsBucket ?? this.createAccessLogsBucket();
    if (props.serverAccessLogsBucket?.encryptionKey) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:accessLogsBucketKms',
        `serverAccessLogsBucket ${props.serverAccessLogsBucket.node.path} is encrypted with a KMS key, but S3 delivers server access logs only to buckets with SSE-S3 encryption; use an SSE-S3 log bucket (or omit serverAccessLogsBucket)`);
    }
    allowAccessLogDelivery(this.accessLogsBucket, Stack.of(this).account);

    if (props.adminGroup !== undefined) {
      this.adminRole = this.groupRole(props.adminGroup, `Administrators of ${this.node.path}: read every department`);
    }

    if (!bucketMode) {
      this.bucket = createDataBucket(this, 'Bucket', this.settings);
      pinLogicalId(this.bucket, this.bucketIds.data);
      enableAccessLogs(this.bucket, this.accessLogsBucket, 'departments/');
    }
    if (groupBased) {
      const layout = this.groupLayout();
      this.identityPool.reserveRoleTag(layout.tag, `the department roles of ${this.node.path} reach ${layout.selects} through it`);
      const readOnlyCount = specs.filter((s) => s.readOnly ?? false).length;
      if (readOnlyCount < specs.length) this.readWritePolicy = this.memberPolicy('ReadWritePolicy', true, layout);
      if (readOnlyCount > 0) this.readOnlyPolicy = this.memberPolicy('ReadOnlyPolicy', false, layout);
      for (const spec of specs) {
        if (bucketMode) this.addBucketDepartment(spec);
        else this.addGroupDepartment(spec);
      }
    } else {
      this.useDepartmentAttribute(props.departmentAttribute!, specs);
    }
    if (this.adminRole && (this.bucket || this.encryptionKey)) {
      // In bucket mode the bucket policies grant the admin role; only the key use is left.
      const statements = this.bucket ? prefixModeAdminStatements(this.bucket) : [];
      if (this.encryptionKey) statements.push(keyStatement(Stack.of(this), this.encryptionKey, false, 'AdminUseBucketKey'));
      this.adminPolicy = new iam.Policy(this, 'AdminPolicy', { roles: [this.adminRole], statements });
    }
    this.acknowledgeNagFindings();
    this.node.addValidation({ validate: () => this.validatePolicySizes() });
  }

  /** The names of the declared departments, in declaration order. */
  public get departmentNames(): string[] {
    return [...this.departments.keys()];
  }

  /**
   * Whether a department of this name was declared.
   *
   * @param department the department name
   */
  public hasDepartment(department: string): boolean {
    return this.departments.has(department);
  }

  /**
   * The bucket holding a department's data: its own bucket, or the shared one in prefix mode.
   *
   * @param department a declared department
   */
  public bucketFor(department: string): s3.Bucket {
    const entry = this.entry(department);
    return entry.bucket ?? this.bucket!;
  }

  /**
   * The role a department's members get (its group's role).
   *
   * @param department a declared department
   */
  public roleFor(department: string): iam.Role {
    const entry = this.entry(department);
    if (!entry.role) {
      throw new Error(`department '${department}' has no role of its own in ${this.node.path}: with departmentAttribute every department shares the identity pool's authenticated role (and group roles); use identityPool.authenticatedRole`);
    }
    return entry.role;
  }

  /**
   * The managed policy that gives a department's role its access to the data: `readWritePolicy`,
   * or `readOnlyPolicy` for a read-only department. Every department of the same kind shares it.
   *
   * @param department a declared department
   */
  public policyFor(department: string): iam.ManagedPolicy {
    const entry = this.entry(department);
    const policy = entry.readOnly ? this.readOnlyPolicy : this.readWritePolicy;
    if (!entry.role || !policy) {
      throw new Error(`department '${department}' has no policy of its own in ${this.node.path}: with departmentAttribute the department statements are part of the identity pool's authenticated baseline; use identityPool.authenticatedRole`);
    }
    return policy;
  }

  /**
   * The key prefix of a department's shared area, e.g. `shared/` or `departments/finance/shared/`.
   *
   * @param department the department name (need not be declared in prefix mode)
   */
  public sharedPrefixFor(department: string): string {
    if (this.bucket) {
      assertDepartmentName(department, false);
      return `departments/${department}/shared/`;
    }
    this.entry(department);
    return 'shared/';
  }

  private entry(department: string): DepartmentEntry {
    const entry = this.departments.get(department);
    if (!entry) {
      throw new Error(`no department named '${department}' in ${this.node.path} (departments: ${this.departmentNames.join(', ') || 'none'}); declare it in departments: [{ name: '${department}' }]`);
    }
    return entry;
  }

  private createAccessLogsBucket(): s3.Bucket {
    const bucket = createAccessLogsBucket(this, 'AccessLogs', this.settings);
    pinLogicalId(bucket, this.bucketIds.accessLogs);
    acknowledgeBucketFindings(bucket, { logBucket: true, kmsEncrypted: false });
    return bucket;
  }

  /** The group's role, creating the group and the role when missing. */
  private groupRole(groupName: string, description: string, precedence?: number): iam.Role {
    const auth = this.identityPool.userPoolAuth!;
    if (!auth.hasGroup(groupName)) auth.addGroup(groupName, { description, precedence });
    return this.identityPool.hasGroupRole(groupName)
      ? this.identityPool.roleForGroup(groupName)
      : this.identityPool.addGroupRole(groupName, { description: `${description} (${this.node.path})` });
  }

  private addBucketDepartment(spec: DepartmentSpec): void {
    const readOnly = spec.readOnly ?? false;
    const groupName = spec.groupName ?? spec.name;
    // The construct id and the bucket's logical id come from the department name, never from its
    // position: reordering or removing departments leaves the other departments' buckets in place.
    const scope = new Construct(this, spec.name);
    const bucket = createDataBucket(scope, 'Bucket', this.settings);
    pinLogicalId(bucket, this.bucketIds.department(spec.name));
    Tags.of(bucket).add(DEPARTMENT_TAG, spec.name);
    enableAccessLogs(bucket, this.accessLogsBucket, `${spec.name}/`);
    if (this.adminRole) bucket.addToResourcePolicy(bucketModeAdminResourceStatement(bucket, this.adminRole));

    const role = this.groupRole(groupName, `Members of the ${spec.name} department`, spec.precedence);
    this.attachMemberPolicy(role, spec, DEPARTMENT_BUCKET_TAG, bucket.bucketName);
    this.departments.set(spec.name, { spec, groupName, readOnly, bucket, role });
  }

  /**
   * Where the policies of group-based departments find the data: one policy serves every
   * department, the role tag selecting its bucket (bucket mode) or its prefix (prefix mode).
   */
  private groupLayout(): DepartmentLayout {
    if (this.bucket) {
      return {
        bucketArn: this.bucket.bucketArn,
        areas: prefixModeAreas(this.identityId),
        tag: DEPARTMENT_TAG,
        selects: `their department's area of the ${this.node.path} bucket`,
      };
    }
    return {
      bucketArn: taggedBucketArn(),
      areas: bucketModeAreas(this.identityId),
      tag: DEPARTMENT_BUCKET_TAG,
      selects: `their department's bucket of ${this.node.path}`,
    };
  }

  private memberPolicy(id: string, sharedWrite: boolean, layout: DepartmentLayout): iam.ManagedPolicy {
    const statements = memberStatements({
      bucketArn: layout.bucketArn,
      areas: layout.areas,
      sharedWrite,
      guard: departmentTagGuard(layout.tag),
      sidPrefix: '',
    });
    if (this.encryptionKey) statements.push(keyStatement(Stack.of(this), this.encryptionKey, true, 'UseBucketKey'));
    return new iam.ManagedPolicy(this, id, {
      description: `Department members (${sharedWrite ? 'read-write' : 'read-only'}): ${layout.selects}, selected by the role tag '${layout.tag}'`,
      statements,
    });
  }

  private addGroupDepartment(spec: DepartmentSpec): void {
    const readOnly = spec.readOnly ?? false;
    const groupName = spec.groupName ?? spec.name;
    const role = this.groupRole(groupName, `Members of the ${spec.name} department`, spec.precedence);
    this.attachMemberPolicy(role, spec, DEPARTMENT_TAG, spec.name);
    this.departments.set(spec.name, { spec, groupName, readOnly, role });
  }

  /** Tags the department's role with what selects its data, and attaches the shared policy. */
  private attachMemberPolicy(role: iam.Role, spec: DepartmentSpec, tag: string, value: string): void {
    tagRoleForAccess(role, tag, value, `department '${spec.name}' of ${this.node.path}`,
      `Give department '${spec.name}' a user-pool group of its own (groupName), so that it gets a role of its own.`);
    role.addManagedPolicy(spec.readOnly ?? false ? this.readOnlyPolicy! : this.readWritePolicy!);
  }

  private useDepartmentAttribute(attribute: string, specs: DepartmentSpec[]): void {
    this.checkAttributeDefined(attribute);
    this.identityPool.addPrincipalTag(DEPARTMENT_TAG, attribute);
    const readOnlyNames = specs.filter((s) => s.readOnly ?? false).map((s) => s.name);
    const statements = memberStatements({
      bucketArn: this.bucket!.bucketArn,
      areas: prefixModeAreas(this.identityId),
      sharedWrite: true,
      // Departments are not enumerated here (that is what keeps the template constant); the
      // read-only ones are the exception list.
      sharedWriteConditions: readOnlyNames.length > 0
        ? { StringNotEquals: { [PolicyVariables.principalTagKey(DEPARTMENT_TAG)]: readOnlyNames } }
        : undefined,
      guard: departmentTagGuard(DEPARTMENT_TAG),
    });
    if (this.encryptionKey) statements.push(keyStatement(Stack.of(this), this.encryptionKey, true));
    this.checkAttributeStatementsSize(statements, readOnlyNames);
    for (const statement of statements) {
      this.identityPool.addToAuthenticatedPolicy(statement);
      this.attributeStatements.push(statement);
    }
    for (const spec of specs) {
      this.departments.set(spec.name, { spec, groupName: spec.name, readOnly: spec.readOnly ?? false });
    }
    this.warnIfAttributeWritable(attribute);
  }

  /**
   * The read-only list is the one part of the attribute-mode statements that grows; they join the
   * pool's managed baseline policy, so they must leave it room under IAM's 6,144 characters.
   */
  private checkAttributeStatementsSize(statements: iam.PolicyStatement[], readOnlyNames: string[]): void {
    const stack = Stack.of(this);
    const size = estimatePolicySize(stack, new iam.PolicyDocument({ statements }));
    if (size <= MANAGED_POLICY_MAX_CHARS) return;
    let fit = 0;
    let room = MANAGED_POLICY_MAX_CHARS - (size - readOnlyNames.reduce((sum, name) => sum + name.length + 3, 0));
    for (const name of readOnlyNames) {
      room -= name.length + 3; // quotes and comma
      if (room < 0) break;
      fit++;
    }
    throw new Error(`the department statements for the authenticated baseline would be about ${size} characters with ${readOnlyNames.length} read-only departments listed, over IAM's ${MANAGED_POLICY_MAX_CHARS}-character managed policy limit; about ${fit} read-only departments of these names fit. Mark fewer departments readOnly, or derive the department from groups (omit departmentAttribute): read-only departments then share one policy whatever their number`);
  }

  /**
   * A custom attribute the user pool does not define is in no token: no session would get the
   * department tag and every member would be denied.
   */
  private checkAttributeDefined(attribute: string): void {
    const auth = this.identityPool.userPoolAuth;
    if (!auth || Token.isUnresolved(attribute) || !attribute.startsWith('custom:')) return;
    const schema = (auth.userPool.node.defaultChild as cognito.CfnUserPool).schema;
    if (schema === undefined || Token.isUnresolved(schema) || !Array.isArray(schema)) return;
    // Custom attributes are the schema entries with a data type (standard ones carry none).
    const defined = schema
      .map((entry) => entry as cognito.CfnUserPool.SchemaAttributeProperty)
      .filter((entry) => entry.attributeDataType !== undefined)
      .map((entry) => entry.name)
      .filter((name): name is string => typeof name === 'string' && !Token.isUnresolved(name));
    if (defined.includes(attribute.slice('custom:'.length))) return;
    const name = attribute.slice('custom:'.length);
    // A warning, not an error: the attribute may be added to the pool after this construct.
    Annotations.of(this).addWarningV2('cdk-cognito-access:departmentAttributeUndefined',
      `departmentAttribute '${attribute}' is not an attribute of the user pool of ${auth.node.path} (its custom attributes: ${defined.map((d) => `custom:${d}`).join(', ') || 'none'}); `
      + `no token would carry it and every member would be denied. Add customAttributes: { ${name}: new cognito.StringAttribute({ mutable: false }) } to the CognitoUserPoolAuth, or name a defined attribute`);
  }

  /** A user who can write the attribute can move into any department. */
  private warnIfAttributeWritable(attribute: string): void {
    const auth = this.identityPool.userPoolAuth;
    if (!auth || Token.isUnresolved(attribute)) return;
    for (const child of auth.userPool.node.findAll()) {
      if (!(child instanceof cognito.CfnUserPoolClient)) continue;
      const writable = child.writeAttributes;
      if (writable === undefined || (Array.isArray(writable) && writable.includes(attribute))) {
        Annotations.of(this).addWarningV2('cdk-cognito-access:departmentAttributeWritable',
          `app client ${child.node.path} lets users write '${attribute}' (writeAttributes ${writable === undefined ? 'unset: every attribute is writable' : 'includes it'}), so a user could move into another department; set the client's writeAttributes without '${attribute}'`);
      }
    }
  }

  /**
   * cdk-nag findings that are the design, acknowledged one by one (IAM5 reports each wildcard
   * resource separately) on the policy that carries them.
   */
  private acknowledgeNagFindings(): void {
    const reason = 'The object wildcard covers one area only: the department\'s shared area or the caller\'s own area (identity-id policy variable); ListBucket is limited to those areas by s3:prefix';
    // cdk-nag writes a bucket's ARN as `<LogicalId.Arn>`, pseudo parameters as `<AWS::X>` and
    // policy variables `${x}` as `<x>` in finding ids.
    const nagArn = this.bucket
      ? `<${Stack.of(this).resolve((this.bucket.node.defaultChild as CfnElement).logicalId)}.Arn>`
      : `arn:<AWS::Partition>:s3:::<${PolicyVariables.principalTagKey(DEPARTMENT_BUCKET_TAG)}>`;
    const acknowledge = (scope: Construct, keyPattern: string, why: string) => {
      const key = keyPattern.replace(/\$\{([^}]+)\}/g, '<$1>');
      Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${nagArn}/${key}]`, reason: why });
    };
    const areas = this.bucket ? prefixModeAreas(this.identityId) : bucketModeAreas(this.identityId);
    const memberAreas = (scope: Construct) => {
      acknowledge(scope, `${areas.sharedPrefix}*`, reason);
      acknowledge(scope, `${areas.userPrefix}*`, reason);
    };
    if (this.readWritePolicy) memberAreas(this.readWritePolicy);
    if (this.readOnlyPolicy) memberAreas(this.readOnlyPolicy);
    // With departmentAttribute the statements live in the pool's authenticated baseline.
    if (this.attributeStatements.length > 0) memberAreas(this.identityPool);
    if (this.bucket && this.adminPolicy) {
      acknowledge(this.adminPolicy, 'departments/*', 'The admin group reads every department by design (adminGroup): read actions on the departments/ prefix only');
    }
    // The compliance packs (HIPAA, NIST 800-53 R5, PCI DSS): what the design leaves out, per resource.
    const dataBuckets = this.bucket ? [this.bucket] : [...this.departments.values()].flatMap((e) => (e.bucket ? [e.bucket] : []));
    for (const bucket of dataBuckets) acknowledgeBucketFindings(bucket, { logBucket: false, kmsEncrypted: this.encryptionKey !== undefined });
    if (this.adminPolicy) acknowledgeRolePolicy(this.adminPolicy, 'admin group role');
  }

  private validatePolicySizes(): string[] {
    const stack = Stack.of(this);
    const errors: string[] = [];
    const check = (what: string, document: iam.PolicyDocument, limit: number, fix: string) => {
      const size = estimatePolicySize(stack, document);
      if (size > limit) errors.push(`${what} is about ${size} characters, over the ${limit} limit; ${fix}`);
    };
    for (const [name, entry] of this.departments) {
      if (entry.bucket?.policy) check(`the bucket policy of department '${name}'`, entry.bucket.policy.document, BUCKET_POLICY_MAX_BYTES, 'remove statements added to it');
    }
    for (const policy of [this.readWritePolicy, this.readOnlyPolicy]) {
      if (policy) check(`managed policy ${policy.node.path}`, policy.document, MANAGED_POLICY_MAX_CHARS, 'remove statements added to it');
    }
    if (this.adminPolicy) check(`the admin policy ${this.adminPolicy.node.path}`, this.adminPolicy.document, INLINE_POLICIES_MAX_CHARS, 'remove statements added to it');
    if (this.bucket?.policy) check(`the bucket policy of ${this.bucket.node.path}`, this.bucket.policy.document, BUCKET_POLICY_MAX_BYTES, 'remove statements added to it');
    const logPolicy = this.accessLogsBucket.policy;
    if (logPolicy) check(`the bucket policy of ${this.accessLogsBucket.node.path}`, logPolicy.document, BUCKET_POLICY_MAX_BYTES, 'remove statements added to it');
    return errors;
  }
}

function renderCors(cors: DepartmentBucketCors): s3.CorsRule {
  return {
    allowedOrigins: cors.allowedOrigins,
    allowedMethods: cors.allowedMethods ?? [
      s3.HttpMethods.GET, s3.HttpMethods.HEAD, s3.HttpMethods.PUT, s3.HttpMethods.POST, s3.HttpMethods.DELETE,
    ],
    allowedHeaders: cors.allowedHeaders ?? ['*'],
    exposedHeaders: cors.exposedHeaders ?? ['ETag'],
    maxAge: (cors.maxAge ?? Duration.hours(1)).toSeconds(),
  };
}
