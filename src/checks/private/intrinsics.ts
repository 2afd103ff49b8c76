/**
 * Reading resolved CloudFormation values without deploying them: intrinsic functions are
 * flattened to strings where their meaning is known, and to `undefined` where it is not
 * (`Fn::If`, `Fn::ImportValue`, parameters of unknown value...), so that rules can skip them.
 */

/** Pseudo parameters whose value matters to the rules; the others stay opaque placeholders. */
const PSEUDO_VALUES: { [name: string]: string } = {
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Partition': 'aws',
};

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value, or a list of values, as a list. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The logical id a `Ref` or `Fn::GetAtt` points to, or `undefined`.
 */
export function refTarget(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const ref = value.Ref;
  if (typeof ref === 'string' && !ref.startsWith('AWS::')) return ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

function refPlaceholder(name: string): string {
  if (PSEUDO_VALUES[name] !== undefined) return PSEUDO_VALUES[name];
  return name.startsWith('AWS::') ? `<${name}>` : `<Ref:${name}>`;
}

function getAttPlaceholder(logicalId: string, attribute: string): string {
  return `<GetAtt:${logicalId}.${attribute}>`;
}

/**
 * A string for a resolved CloudFormation value: literals as they are, `Ref`/`Fn::GetAtt` as
 * stable placeholders (`<Ref:Id>`, `<GetAtt:Id.Arn>`), `Fn::Join` and `Fn::Sub` expanded, and
 * `AWS::URLSuffix`/`AWS::Partition` replaced by their commercial values (names stay comparable
 * whether a construct wrote `amazonaws.com` or `Aws.URL_SUFFIX`).
 *
 * @returns undefined when the value cannot be known at synth time.
 */
export function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;

  if (typeof value.Ref === 'string') return refPlaceholder(value.Ref);

  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.length === 2 && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') {
    return getAttPlaceholder(getAtt[0], getAtt[1]);
  }
  if (typeof getAtt === 'string' && getAtt.includes('.')) {
    const [id, ...attribute] = getAtt.split('.');
    return getAttPlaceholder(id, attribute.join('.'));
  }

  const join = value['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map(flatten);
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }

  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return flattenSub(sub, {});
  if (Array.isArray(sub) && sub.length === 2 && typeof sub[0] === 'string' && isObject(sub[1])) {
    return flattenSub(sub[0], sub[1]);
  }
  return undefined;
}

function flattenSub(template: string, variables: { [name: string]: unknown }): string | undefined {
  let unknown = false;
  // `${!Literal}` is an escaped literal; `${Name}` / `${Id.Attr}` are references.
  const out = template.replace(/\$\{(!?)([^}]*)\}/g, (whole, bang: string, name: string) => {
    if (bang === '!') return '${' + name + '}';
    if (name in variables) {
      const v = flatten(variables[name]);
      if (v === undefined) unknown = true;
      return v ?? whole;
    }
    if (/^[A-Za-z0-9]+(::[A-Za-z0-9]+)*$/.test(name)) return refPlaceholder(name);
    const dot = name.indexOf('.');
    if (dot > 0 && /^[A-Za-z0-9]+$/.test(name.slice(0, dot))) return getAttPlaceholder(name.slice(0, dot), name.slice(dot + 1));
    return whole;
  });
  return unknown ? undefined : out;
}

/** The flattened strings of a value or list; values that cannot be known are left out. */
export function flattenAll(value: unknown): string[] {
  return asArray(value).map(flatten).filter((v): v is string => v !== undefined);
}

/** Whether every element of a value or list can be flattened. */
export function isFullyKnown(value: unknown): boolean {
  return asArray(value).every((v) => flatten(v) !== undefined);
}

/**
 * Whether an IAM wildcard pattern (`*` any run, `?` one character) matches a value, ignoring case
 * as IAM does for action names.
 */
export function wildcardMatches(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(value);
}
