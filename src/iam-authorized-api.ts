import { Annotations, Duration, Lazy, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { FederatedIdentityPool } from './federated-identity-pool';
import { API_DEFAULTS, ACCESS_LOG_FIELDS, IDENTITY_FIELDS, NAG_REASONS, SIGV4_HEADERS } from './private/api-defaults';
import { ApiGrants, MethodArn } from './private/api-grants';
import { acknowledgeParameterWildcards, acknowledgeStageFindings } from './private/api-nag';
import { arnPaths, RouteTable } from './private/api-route-table';
import {
  checkHeaderNames, checkMethod, checkOrigins, checkPath, checkRequestParameters, checkStageName, checkThrottling, checkWebAclArn,
} from './private/api-validation';
import { RouteAccess } from './route-access';

// Route access and the runtime identity helper belong to this construct's public surface.
export * from './route-access';
export * from './caller-identity';

/**
 * CORS settings of an `IamAuthorizedApi`, for browsers that sign their requests with SigV4.
 */
export interface ApiCorsOptions {
  /**
   * The web origins allowed to call the API, exactly as browsers send them
   * (`https://app.example.com`, no path, no trailing '/').
   *
   * `*` is accepted alone and without `allowCredentials`. With several origins the preflight
   * answers the matching one, and the 4XX/5XX gateway responses echo the request's `Origin`
   * (they carry API Gateway's own error messages, never data from an integration).
   */
  readonly allowOrigins: string[];
  /**
   * Request headers allowed in addition to the SigV4 ones.
   *
   * `Content-Type, Authorization, X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256,
   * X-Amz-User-Agent` are always allowed.
   *
   * @default - the SigV4 headers only
   */
  readonly allowHeaders?: string[];
  /**
   * The methods allowed.
   *
   * @default - all methods
   */
  readonly allowMethods?: string[];
  /**
   * Whether browsers may send cookies or TLS client certificates with the request.
   *
   * SigV4 needs no credentials mode: the signature travels in headers.
   *
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * Response headers a browser script may read.
   *
   * @default - none beyond the CORS-safelisted ones
   */
  readonly exposeHeaders?: string[];
  /**
   * How long browsers may cache a preflight answer.
   *
   * @default Duration.minutes(10)
   */
  readonly maxAge?: Duration;
}

/**
 * Properties of `IamAuthorizedApi`.
 */
export interface IamAuthorizedApiProps {
  /**
   * The identity pool whose roles call the API; route access is granted to its roles.
   */
  readonly identityPool: FederatedIdentityPool;
  /**
   * CORS for browser clients: unauthenticated preflight, SigV4 headers allowed, and CORS
   * headers on the DEFAULT_4XX and DEFAULT_5XX gateway responses.
   *
   * Lambda proxy integrations must still return `Access-Control-Allow-Origin` themselves.
   *
   * @default - no CORS
   */
  readonly cors?: ApiCorsOptions;
  /**
   * The name of the REST API.
   *
   * @default - the construct id
   */
  readonly restApiName?: string;
  /**
   * A description of the REST API.
   *
   * @default - no description
   */
  readonly description?: string;
  /**
   * The name of the deployment stage; grants are scoped to it.
   *
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Steady-state requests per second allowed for the whole stage.
   *
   * @default 100
   */
  readonly throttlingRateLimit?: number;
  /**
   * Burst of requests allowed for the whole stage.
   *
   * @default 200
   */
  readonly throttlingBurstLimit?: number;
  /**
   * How long access logs are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * Execution log level (CloudWatch). Request and response bodies are never logged.
   *
   * @default apigateway.MethodLoggingLevel.ERROR
   */
  readonly loggingLevel?: apigateway.MethodLoggingLevel;
  /**
   * Whether to trace requests with AWS X-Ray.
   *
   * @default false
   */
  readonly tracingEnabled?: boolean;
  /**
   * The request validator of every route that does not set its own.
   *
   * @default - a validator of request parameters and bodies (`requestValidator` property)
   */
  readonly requestValidator?: apigateway.IRequestValidator;
  /**
   * The ARN of a REGIONAL WAFv2 web ACL to associate with the stage.
   *
   * @default - no web ACL
   */
  readonly webAclArn?: string;
  /**
   * Adds a resource policy that denies every caller but this identity pool's roles and the
   * roles given routes or `grantInvoke`, even principals whose own policies allow
   * `execute-api:Invoke` on `*`.
   *
   * The roles are listed in one `aws:PrincipalArn` condition; the policy must stay under
   * API Gateway's 8,192 characters, which allows about 75 roles.
   *
   * @default false
   */
  readonly restrictToIdentityPoolRoles?: boolean;
  /**
   * The endpoint type.
   *
   * @default apigateway.EndpointType.REGIONAL
   */
  readonly endpointType?: apigateway.EndpointType;
  /**
   * Whether to create the account-level role API Gateway needs to write logs to CloudWatch.
   *
   * Logging fails to deploy in a region where the account has no such role. Set `false` when
   * the account already has one (it is one setting per account and region).
   *
   * @default true
   */
  readonly cloudWatchRole?: boolean;
}

/**
 * Options of `IamAuthorizedApi.addRoute`.
 */
export interface RouteOptions {
  /**
   * Who may call the route.
   *
   * @default RouteAccess.authenticated()
   */
  readonly access?: RouteAccess;
  /**
   * The request validator of this route.
   *
   * @default - the API's request validator
   */
  readonly requestValidator?: apigateway.IRequestValidator;
  /**
   * Request parameters the method accepts (`method.request.querystring.q: true` when required).
   *
   * @default - none
   */
  readonly requestParameters?: { [param: string]: boolean };
  /**
   * Models of request bodies, by content type.
   *
   * @default - none
   */
  readonly requestModels?: { [contentType: string]: apigateway.IModel };
  /**
   * Method responses, for non-proxy integrations.
   *
   * @default - none
   */
  readonly methodResponses?: apigateway.MethodResponse[];
  /**
   * The operation name (for generated SDKs).
   *
   * @default - none
   */
  readonly operationName?: string;
}

/**
 * An API Gateway REST API called with Cognito identity-pool credentials signed with SigV4.
 *
 * Every route uses `AWS_IAM` authorization and grants `execute-api:Invoke` on exactly its
 * method ARN in the deployment stage to the roles its `RouteAccess` names: the authenticated
 * baseline (authenticated and group roles), guests, given groups or given roles. The caller's
 * identity reaches integrations (`requestContext.identity` for Lambda proxy, or
 * `identityRequestTemplate()` / `identityRequestParameters()` otherwise). Production defaults:
 * JSON access logs with the Cognito identity, execution logging at ERROR, metrics, throttling,
 * request validation, optional WAF and resource policy.
 */
export class IamAuthorizedApi extends Construct {
  /**
   * A request mapping template (for `requestTemplates['application/json']` of a non-proxy
   * integration) that sends the JSON body and the caller's Cognito identity.
   *
   * The integration receives `{ "body": <request body>, "identity": { "cognitoIdentityId",
   * "cognitoIdentityPoolId", "cognitoAuthenticationType", "cognitoAuthenticationProvider" } }`.
   */
  public static identityRequestTemplate(): string {
    const fields = IDENTITY_FIELDS.map((f) => `    "${f}": "$util.escapeJavaScript($context.identity.${f})"`);
    return [
      '#set($body = $input.body)',
      '{',
      '  "body": #if($body && $body.trim() != "")$input.json(\'$\')#{else}null#end,',
      '  "identity": {',
      fields.join(',\n'),
      '  }',
      '}',
    ].join('\n');
  }

  /**
   * Integration request parameters that pass the caller's Cognito identity as headers
   * (`X-Cognito-Identity-Id`, `X-Cognito-Identity-Pool-Id`, `X-Cognito-Authentication-Type`,
   * `X-Cognito-Authentication-Provider`), for HTTP and HTTP proxy integrations.
   *
   * API Gateway sets them from `$context`, so a caller cannot forge them.
   */
  public static identityRequestParameters(): { [param: string]: string } {
    return {
      'integration.request.header.X-Cognito-Identity-Id': 'context.identity.cognitoIdentityId',
      'integration.request.header.X-Cognito-Identity-Pool-Id': 'context.identity.cognitoIdentityPoolId',
      'integration.request.header.X-Cognito-Authentication-Type': 'context.identity.cognitoAuthenticationType',
      'integration.request.header.X-Cognito-Authentication-Provider': 'context.identity.cognitoAuthenticationProvider',
    };
  }

  /** The REST API. */
  public readonly api: apigateway.RestApi;
  /** The deployment stage; grants are scoped to it. */
  public readonly stage: apigateway.Stage;
  /** The identity pool whose roles call the API. */
  public readonly identityPool: FederatedIdentityPool;
  /** The log group of the access logs. */
  public readonly accessLogGroup: logs.LogGroup;
  /** The default request validator of the routes, unless `requestValidator` was given. */
  public readonly requestValidator?: apigateway.RequestValidator;
  /** The 4XX gateway response carrying the CORS headers, when `cors` is set. */
  public readonly default4xxResponse?: apigateway.GatewayResponse;
  /** The 5XX gateway response carrying the CORS headers, when `cors` is set. */
  public readonly default5xxResponse?: apigateway.GatewayResponse;
  /** The association with the web ACL, when `webAclArn` is set. */
  public readonly webAclAssociation?: wafv2.CfnWebACLAssociation;

  private readonly stageName: string;
  private readonly corsEnabled: boolean;
  private readonly cors?: apigateway.CorsOptions;
  private readonly defaultValidator: apigateway.IRequestValidator;
  private readonly routes = new RouteTable();
  private readonly grants: ApiGrants;
  private readonly restrictedCallers?: Map<string, string>;

  constructor(scope: Construct, id: string, props: IamAuthorizedApiProps) {
    super(scope, id);
    this.identityPool = props.identityPool;
    this.stageName = props.stageName ?? API_DEFAULTS.stageName;
    checkStageName(this.stageName);
    const rate = props.throttlingRateLimit ?? API_DEFAULTS.throttlingRateLimit;
    const burst = props.throttlingBurstLimit ?? API_DEFAULTS.throttlingBurstLimit;
    checkThrottling('throttlingRateLimit', rate, false);
    checkThrottling('throttlingBurstLimit', burst, true);
    if (props.webAclArn !== undefined) checkWebAclArn(props.webAclArn);
    const cors = props.cors ? this.corsPreflight(props.cors) : undefined;
    this.cors = cors;
    this.corsEnabled = cors !== undefined;

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? API_DEFAULTS.accessLogRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const cloudWatchRole = props.cloudWatchRole ?? true;
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName ?? id,
      description: props.description,
      endpointTypes: [props.endpointType ?? apigateway.EndpointType.REGIONAL],
      cloudWatchRole,
      cloudWatchRoleRemovalPolicy: cloudWatchRole ? RemovalPolicy.RETAIN : undefined,
      defaultCorsPreflightOptions: cors,
      deployOptions: {
        stageName: this.stageName,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
        loggingLevel: props.loggingLevel ?? apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: props.tracingEnabled ?? false,
        throttlingRateLimit: rate,
        throttlingBurstLimit: burst,
      },
    });
    this.stage = this.api.deploymentStage;
    if (cloudWatchRole) {
      const role = this.api.node.tryFindChild('CloudWatchRole');
      if (role) Validations.of(role).acknowledge({ id: CLOUDWATCH_ROLE_IAM4, reason: NAG_REASONS.cloudWatchRole });
    }

    if (props.requestValidator) {
      this.defaultValidator = props.requestValidator;
    } else {
      this.requestValidator = this.api.addRequestValidator('RequestValidator', {
        validateRequestBody: true,
        validateRequestParameters: true,
      });
      this.defaultValidator = this.requestValidator;
    }

    if (cors) {
      this.default4xxResponse = this.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX });
      this.default5xxResponse = this.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX });
    }

    if (props.webAclArn !== undefined) {
      this.webAclAssociation = new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
        resourceArn: this.stage.stageArn,
        webAclArn: props.webAclArn,
      });
    } else {
      Validations.of(this.stage).acknowledge({ id: 'AwsSolutions-APIG3', reason: NAG_REASONS.waf });
    }
    acknowledgeStageFindings(this.stage, this.accessLogGroup, {
      tracingEnabled: props.tracingEnabled ?? false,
      webAcl: props.webAclArn !== undefined,
      wafReason: NAG_REASONS.waf,
    });

    this.grants = new ApiGrants(this, this.identityPool);
    if (props.restrictToIdentityPoolRoles) {
      this.restrictedCallers = new Map();
      this.restrictCallers();
    }

    this.node.addValidation({
      validate: () => (this.routes.size === 0
        ? [`${this.node.path} has no routes: add at least one with addRoute(path, httpMethod, integration), or remove the API`]
        : []),
    });
  }

  /** The URL of the deployment stage. */
  public get url(): string {
    return this.api.url;
  }

  /**
   * Adds a route authorized with SigV4 and grants it to the callers its access names.
   *
   * @param path the resource path, e.g. `/items/{id}` (parameters become `*` in the grant)
   * @param httpMethod GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS (not with cors) or ANY
   * @param integration the backend (Lambda, HTTP, AWS service, mock)
   * @param options access and method options
   * @returns the method
   */
  public addRoute(path: string, httpMethod: string, integration: apigateway.Integration, options: RouteOptions = {}): apigateway.Method {
    const what = `addRoute('${path}', '${httpMethod}')`;
    const method = checkMethod(httpMethod, what, this.corsEnabled);
    const segments = checkPath(path, what);
    if (options.requestParameters) checkRequestParameters(what, options.requestParameters);
    const access = options.access ?? RouteAccess.authenticated();
    const targets = this.grants.targetsOf(access, what);
    if (targets.has('guest') && !['GET', 'HEAD'].includes(method)) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:guestWriteRoute',
        `${method} ${path} is open to guests: anyone on the internet can get guest credentials from the identity pool, so treat its input as untrusted and throttle it, or use RouteAccess.authenticated()`);
    }
    this.routes.add({ method, path, segments, targets, description: access.toString() });

    const resource = segments.length === 0 ? this.api.root : this.api.root.resourceForPath(path);
    const apiMethod = resource.addMethod(method, integration, {
      authorizationType: apigateway.AuthorizationType.IAM,
      requestValidator: options.requestValidator ?? this.defaultValidator,
      requestParameters: options.requestParameters,
      requestModels: options.requestModels,
      methodResponses: options.methodResponses,
      operationName: options.operationName,
    });
    Validations.of(apiMethod).acknowledge({ id: 'AwsSolutions-COG4', reason: NAG_REASONS.cog4 });

    this.grants.grant(targets, this.methodArns(method, segments), what, `route ${method} ${path}`);
    for (const role of access.grantedRoles) this.allowCaller(role.roleArn);
    return apiMethod;
  }

  /**
   * Customizes a gateway response (the answer API Gateway gives without reaching an
   * integration), keeping the CORS headers when `cors` is set.
   *
   * A specific response type (`ACCESS_DENIED`, `EXPIRED_TOKEN`, `THROTTLED`...) replaces
   * DEFAULT_4XX/5XX for that type: added with `api.addGatewayResponse` directly, it would lose
   * the CORS headers and reach browsers as a CORS error. Headers given here win.
   *
   * @param id the construct id
   * @param options the response type, status code, templates and headers
   * @returns the gateway response
   */
  public addGatewayResponse(id: string, options: apigateway.GatewayResponseOptions): apigateway.GatewayResponse {
    const headers = { ...(this.cors ? corsResponseHeaders(this.cors) : {}), ...(options.responseHeaders ?? {}) };
    return this.api.addGatewayResponse(id, {
      ...options,
      responseHeaders: Object.keys(headers).length > 0 ? headers : undefined,
    });
  }

  /**
   * Grants `execute-api:Invoke` on the API, a path or a method, to any principal.
   *
   * Without a path every path is granted; without a method every method. A path grants that
   * path exactly (a `{param}` matches any value, and since IAM's `*` spans '/', deeper paths
   * too). Principals of other accounts are also added to the API's resource policy.
   *
   * @param grantee the principal (a role, a Lambda function, another account's role)
   * @param httpMethod the method
   * @param path the path
   * @returns the grant
   */
  public grantInvoke(grantee: iam.IGrantable, httpMethod?: string, path?: string): iam.Grant {
    const what = `grantInvoke(${[httpMethod, path].filter((x) => x !== undefined).map((x) => `'${x}'`).join(', ')})`;
    const method = httpMethod === undefined ? undefined : checkMethod(httpMethod, what, false);
    const segments = path === undefined ? undefined : checkPath(path, what);
    const names = this.invokeResourceNames(method, segments);
    this.allowCallerPrincipal(grantee.grantPrincipal, what);
    const arns = names.map((n) => ({ arn: this.api.arnForExecuteApi(n.method, n.path, this.stageName), path: n.path }));
    const grant = iam.Grant.addToPrincipalOrResource({
      grantee,
      actions: ['execute-api:Invoke'],
      resourceArns: arns.map((a) => a.arn),
      // The API's own resource policy cannot reference the API id: use the relative form.
      resourceSelfArns: names.map((n) => `execute-api:/${this.stageName}/${n.method}${n.path}`),
      resource: this.api,
    });
    // Only path parameters are acknowledged: a grant on every path or method stays reported.
    if (segments !== undefined && Construct.isConstruct(grantee.grantPrincipal)) {
      acknowledgeParameterWildcards(grantee.grantPrincipal, arns, `path ${path}`);
    }
    return grant;
  }

  private methodArns(method: string, segments: string[]): MethodArn[] {
    return arnPaths(method, segments).map((p) => {
      const slash = p.indexOf('/');
      const [m, path] = [p.slice(0, slash), p.slice(slash)];
      return { arn: this.api.arnForExecuteApi(m, path, this.stageName), stage: this.stageName, method: m, path };
    });
  }

  private invokeResourceNames(method: string | undefined, segments: string[] | undefined): { method: string; path: string }[] {
    if (segments === undefined) return [{ method: method === undefined || method === 'ANY' ? '*' : method, path: '/*' }];
    // A path without a method: each method, since '*' in the method position would span '/'.
    return arnPaths(method ?? 'ANY', segments).map((p) => {
      const slash = p.indexOf('/');
      return { method: p.slice(0, slash), path: p.slice(slash) };
    });
  }

  private corsPreflight(cors: ApiCorsOptions): apigateway.CorsOptions {
    checkOrigins(cors.allowOrigins, cors.allowCredentials ?? false);
    for (const m of cors.allowMethods ?? []) checkMethod(m, 'cors.allowMethods', false);
    checkHeaderNames('cors.allowHeaders', cors.allowHeaders ?? []);
    checkHeaderNames('cors.exposeHeaders', cors.exposeHeaders ?? []);
    if (cors.allowOrigins.includes('*')) {
      Annotations.of(this).addWarningV2('cdk-cognito-access:corsAnyOrigin',
        "cors.allowOrigins is '*': any website may call the API from its visitors' browsers; list your app's origins instead");
    }
    const headers = new Map<string, string>();
    for (const h of [...SIGV4_HEADERS, ...(cors.allowHeaders ?? [])]) {
      if (!headers.has(h.toLowerCase())) headers.set(h.toLowerCase(), h);
    }
    return {
      allowOrigins: cors.allowOrigins,
      allowHeaders: [...headers.values()],
      allowMethods: cors.allowMethods?.map((m) => m.toUpperCase()),
      allowCredentials: cors.allowCredentials ?? false,
      exposeHeaders: cors.exposeHeaders,
      maxAge: cors.maxAge ?? API_DEFAULTS.corsMaxAge,
    };
  }


  private restrictCallers(): void {
    const pool = this.identityPool;
    // Every role of the pool (authenticated, guest, groups, rule targets), present and future.
    const poolRoles = (): string[] => pool.node.findAll()
      .filter((c): c is iam.Role => c instanceof iam.Role)
      .map((r) => r.roleArn);
    this.api.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyIdentityPoolRoles',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
      conditions: {
        ArnNotLike: {
          'aws:PrincipalArn': Lazy.list({ produce: () => [...new Set([...poolRoles(), ...this.restrictedCallers!.values()])] }),
        },
      },
    }));
    this.node.addValidation({
      validate: () => {
        const count = new Set([...poolRoles(), ...this.restrictedCallers!.values()]).size;
        // An ARN of a role with a 64-character name is ~100 characters once quoted.
        const estimate = 400 + count * 100;
        return estimate > RESOURCE_POLICY_LIMIT
          ? [`restrictToIdentityPoolRoles lists ${count} role ARNs in the API resource policy (~${estimate} characters, API Gateway allows ${RESOURCE_POLICY_LIMIT}); grant fewer roles, or turn restrictToIdentityPoolRoles off and rely on the roles' own policies`]
          : [];
      },
    });
  }

  private allowCaller(arn: string): void {
    this.restrictedCallers?.set(arn, arn);
  }

  private allowCallerPrincipal(principal: iam.IPrincipal, what: string): void {
    if (!this.restrictedCallers) return;
    const roleArn = (principal as Partial<iam.IRole>).roleArn;
    if (typeof roleArn === 'string') return this.allowCaller(roleArn);
    if (principal instanceof iam.ArnPrincipal && !(principal instanceof iam.AccountPrincipal)) return this.allowCaller(principal.arn);
    throw new Error(`${what}: restrictToIdentityPoolRoles denies every caller that is not a listed role, and ${principal} is not a role or ARN principal; grant to a role (e.g. iam.Role.fromRoleArn(...)) or turn restrictToIdentityPoolRoles off`);
  }
}

// A rejected signature must reach the browser as a 403, not as an opaque CORS failure.
function corsResponseHeaders(cors: apigateway.CorsOptions): { [header: string]: string } {
  const single = cors.allowOrigins.length === 1;
  const headers: { [header: string]: string } = {
    // Gateway responses cannot choose among origins: with several, echo the request's Origin.
    'Access-Control-Allow-Origin': single ? `'${cors.allowOrigins[0]}'` : 'method.request.header.Origin',
    'Access-Control-Allow-Headers': `'${cors.allowHeaders!.join(',')}'`,
    'Access-Control-Allow-Methods': `'${(cors.allowMethods ?? apigateway.Cors.ALL_METHODS).join(',')}'`,
  };
  if (cors.allowOrigins[0] !== '*') headers.Vary = "'Origin'";
  if (cors.allowCredentials) headers['Access-Control-Allow-Credentials'] = "'true'";
  if (cors.exposeHeaders) headers['Access-Control-Expose-Headers'] = `'${cors.exposeHeaders.join(',')}'`;
  return headers;
}

const RESOURCE_POLICY_LIMIT = 8192;
const CLOUDWATCH_ROLE_IAM4 = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]';
