import { Token } from 'aws-cdk-lib';

/** The HTTP methods a route may use; `ANY` stands for all of them. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** The methods API Gateway puts in an execute-api ARN when a client calls an `ANY` method. */
export const CONCRETE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

const LITERAL_SEGMENT = /^[A-Za-z0-9._-]+$/;
const PARAM_SEGMENT = /^\{([A-Za-z0-9._-]+)\}$/;
const GREEDY_SEGMENT = /^\{([A-Za-z0-9._-]+)\+\}$/;
const PATH_RULE = "must start with '/' and be made of segments matching [A-Za-z0-9._-]+, {param} or a last {proxy+}, with no empty segment or trailing '/'";

/** The upper-cased method, or an error naming the allowed ones. Tokens pass unchanged. */
export function checkMethod(httpMethod: string, what: string, corsEnabled: boolean): string {
  if (Token.isUnresolved(httpMethod)) return httpMethod;
  const method = httpMethod.toUpperCase();
  if (!ROUTE_METHODS.includes(method)) {
    throw new Error(`${what}: HTTP method must be one of ${ROUTE_METHODS.join(', ')}, got '${httpMethod}'`);
  }
  if (method === 'OPTIONS' && corsEnabled) {
    throw new Error(`${what}: HTTP method 'OPTIONS' is reserved for the CORS preflight when cors is set; serve the route with GET/POST/... or drop the cors option to define OPTIONS yourself`);
  }
  return method;
}

/** The segments of a route path (none for '/'), or an error naming the rule. Tokens are not checked. */
export function checkPath(path: string, what: string): string[] {
  if (Token.isUnresolved(path)) return [path];
  if (path === '/') return [];
  const segments = path.split('/').slice(1);
  const valid = path.startsWith('/') && segments.every((s, i) =>
    LITERAL_SEGMENT.test(s) || PARAM_SEGMENT.test(s) || (GREEDY_SEGMENT.test(s) && i === segments.length - 1));
  if (!valid) {
    const hint = path.startsWith('/') ? '' : `; use '/${path.replace(/^\/*/, '')}'`;
    throw new Error(`${what}: path ${PATH_RULE}, got '${path}'${hint}`);
  }
  const params = segments.map(paramName).filter((p): p is string => p !== undefined);
  const repeated = params.find((p, i) => params.indexOf(p) !== i);
  if (repeated) {
    throw new Error(`${what}: path parameter '{${repeated}}' appears twice in '${path}'; give each parameter its own name`);
  }
  return segments;
}

/** The parameter name of a `{param}` or `{proxy+}` segment, else undefined. */
export function paramName(segment: string): string | undefined {
  return (PARAM_SEGMENT.exec(segment) ?? GREEDY_SEGMENT.exec(segment))?.[1];
}

/**
 * A CORS origin: `*`, or `scheme://host[:port]` exactly as browsers send it in `Origin`
 * (a path or a trailing '/' never matches, which makes every call fail with a CORS error).
 */
export function checkOrigins(origins: string[], allowCredentials: boolean): void {
  if (origins.length === 0) {
    throw new Error("cors.allowOrigins is empty; list the web origins that call the API, e.g. ['https://app.example.com']");
  }
  for (const origin of origins) {
    if (Token.isUnresolved(origin)) continue;
    if (origin === '*') {
      if (allowCredentials) {
        throw new Error("cors.allowOrigins '*' cannot be combined with allowCredentials: true (browsers reject it); list the exact origins, e.g. ['https://app.example.com']");
      }
      if (origins.length > 1) {
        throw new Error(`cors.allowOrigins cannot mix '*' with other origins, got ${origins.map((o) => `'${o}'`).join(', ')}; keep '*' alone or list exact origins`);
      }
      continue;
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin)) {
      throw new Error(`cors.allowOrigins entries must be scheme://host[:port] with no path or trailing '/', got '${origin}'; use e.g. 'https://app.example.com'`);
    }
  }
}

/**
 * HTTP header names (RFC 9110 tokens, without the quote that would end API Gateway's
 * `'static value'` syntax).
 */
export function checkHeaderNames(option: string, headers: string[]): void {
  for (const header of headers) {
    if (Token.isUnresolved(header)) continue;
    if (!/^[A-Za-z0-9!#$%&*+.^_|~-]+$/.test(header)) {
      throw new Error(`${option} entries must be HTTP header names (letters, digits and !#$%&*+.^_|~-), got '${header}'; list one header per entry, e.g. ['X-Request-Id']`);
    }
  }
}

/** Method request parameter keys: `method.request.<location>.<name>`, as API Gateway requires. */
export function checkRequestParameters(what: string, parameters: { [param: string]: boolean }): void {
  for (const key of Object.keys(parameters)) {
    if (Token.isUnresolved(key)) continue;
    if (!/^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.[^.\s]+$/.test(key)) {
      throw new Error(`${what}: requestParameters key must be method.request.<path|querystring|multivaluequerystring|header|multivalueheader>.<name>, got '${key}'; e.g. 'method.request.querystring.q'`);
    }
  }
}

/** A stage name API Gateway accepts. */
export function checkStageName(stageName: string): void {
  // Not skipped for tokens: the stage's construct id is made of the name, so it must be literal.
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
    throw new Error(`stageName must match ^[A-Za-z0-9_-]{1,128}$, got '${stageName}'; use e.g. 'prod'`);
  }
}

/** A regional WAFv2 web ACL ARN: only those can be associated with an API stage. */
export function checkWebAclArn(webAclArn: string): void {
  if (Token.isUnresolved(webAclArn)) return;
  if (!/^arn:[a-z-]+:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[^/]+\/[^/]+$/.test(webAclArn)) {
    throw new Error(`webAclArn must be the ARN of a REGIONAL WAFv2 web ACL (arn:<partition>:wafv2:<region>:<account>:regional/webacl/<name>/<id>), got '${webAclArn}'; CLOUDFRONT-scope web ACLs cannot be associated with an API stage`);
  }
}

/** A throttling limit: a non-negative number (an integer for bursts). */
export function checkThrottling(name: string, value: number, integer: boolean): void {
  if (Token.isUnresolved(value)) return;
  if (!(value >= 0) || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}
