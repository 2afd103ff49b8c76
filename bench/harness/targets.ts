/**
 * The targets of issue 9, checked against a run's results: PASS, MISS, or not measured.
 */
import { CandidateResult, Results, ScalePoint, TargetCheck } from './types';

/** Module load of the library over `require('aws-cdk-lib')`, in ms of wall time. */
export const MODULE_LOAD_MAX_MS = 30;
/** Reference app synth over the plain aws-cdk-lib equivalent. */
export const REFERENCE_RATIO_MAX = 1.3;
/** Bucket mode, per department. */
export const BUCKET_RESOURCES_PER_DEPARTMENT_MAX = 5;
export const BUCKET_BYTES_PER_DEPARTMENT_MAX = 4096;
/** The whole jest suite on this machine. */
export const JEST_MAX_S = 90;

/** The candidate of this id, when it was measured. */
export function candidate(results: Pick<Results, 'candidates'>, id: string): CandidateResult | undefined {
  return results.candidates.find((c) => c.id === id && c.wallMs !== undefined);
}

/** Successful scale points of a strategy, by increasing N. */
export function okPoints(scale: ScalePoint[], strategy: 'bucket' | 'prefix'): ScalePoint[] {
  return scale.filter((p) => p.strategy === strategy && p.resources !== undefined && p.error === undefined).sort((a, b) => a.n - b.n);
}

/** Per-department growth between the smallest and the largest successful N. */
export function perDepartment(points: ScalePoint[]): { resources: number; bytes: number; from: number; to: number } | undefined {
  if (points.length < 2) return undefined;
  const a = points[0];
  const b = points[points.length - 1];
  return {
    resources: (b.resources! - a.resources!) / (b.n - a.n),
    bytes: (b.templateBytes! - a.templateBytes!) / (b.n - a.n),
    from: a.n,
    to: b.n,
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
/** A delta with its sign: the lazy index's is about 0 and may come out negative. */
const signedMs = (v: number) => `${v < 0 ? '' : '+'}${ms(v)}`;

/** Verdicts are on wall time (what users wait for); say so when CPU time would give the other one. */
function cpuDisagrees(wallPass: boolean, cpuPass: boolean): string {
  return wallPass === cpuPass ? '' : ` (by CPU time it would be ${cpuPass ? 'PASS' : 'MISS'}: wall time was noisy)`;
}

/** Module load once the app uses constructs: lib/index.js is lazy, each file loads on first use. */
function loadWhenUsed(results: Pick<Results, 'candidates'>): string {
  const floor = candidate(results, 'require-cdk');
  if (!floor) return '';
  const used: string[] = [];
  for (const [id, what] of [['require-lib-auth', 'CognitoUserPoolAuth'], ['require-lib-pools', 'and FederatedIdentityPool'], ['require-lib-all', 'all four constructs']]) {
    const c = candidate(results, id);
    if (c) used.push(`${what} ${signedMs(c.wallMs!.median - floor.wallMs!.median)}`);
  }
  return used.length > 0 ? `; once used: ${used.join(', ')}` : '';
}

/**
 * The module-load delta with all four constructs used (require-lib-all) split by candidates: the
 * aws-cdk-lib files the constructs load (a plain app defining the same resources loads them too)
 * and the rest. When the cdk-nag what-if ran (lib/ importing cdk-nag's index), require-lib split
 * into those files, cdk-nag's index and the library's own files, as before the lazy index.
 */
function loadSplit(results: Pick<Results, 'candidates'>): string {
  const floor = candidate(results, 'require-cdk');
  const cdkFiles = candidate(results, 'require-cdk-files');
  const lite = candidate(results, 'require-lib-nag-lite');
  const lib = candidate(results, 'require-lib');
  const all = candidate(results, 'require-lib-all');
  if (!floor || !cdkFiles || !lib) return '';
  const m = (c: CandidateResult) => c.wallMs!.median;
  if (!lite) {
    if (!all) return '';
    return `; all four split by wall medians: aws-cdk-lib files the constructs load ${ms(m(cdkFiles) - m(floor))}, `
      + `the library's own files and its other dependencies ${ms(m(all) - m(cdkFiles))}`;
  }
  return `; split by wall medians: aws-cdk-lib files the constructs load ${ms(m(cdkFiles) - m(floor))}, cdk-nag's index ${ms(m(lib) - m(lite))}, `
    + `the library's own files ${ms(m(lite) - m(cdkFiles))}`;
}

/** Checks every target; a target whose inputs are missing has `pass: undefined`. */
export function checkTargets(results: Omit<Results, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];

  const floor = candidate(results, 'require-cdk');
  const lib = candidate(results, 'require-lib');
  if (floor && lib) {
    const delta = lib.wallMs!.median - floor.wallMs!.median;
    const cpu = (lib.cpuMs?.median ?? NaN) - (floor.cpuMs?.median ?? NaN);
    checks.push({
      id: 'module-load',
      title: 'library module load over require(\'aws-cdk-lib\')',
      target: `<= ${MODULE_LOAD_MAX_MS} ms`,
      measured: `${signedMs(delta)} wall (median), ${signedMs(cpu)} CPU${cpuDisagrees(delta <= MODULE_LOAD_MAX_MS, cpu <= MODULE_LOAD_MAX_MS)}${loadWhenUsed(results)}${loadSplit(results)}`,
      pass: delta <= MODULE_LOAD_MAX_MS,
    });
  } else {
    checks.push({ id: 'module-load', title: 'library module load over require(\'aws-cdk-lib\')', target: `<= ${MODULE_LOAD_MAX_MS} ms`, measured: 'not measured' });
  }

  // The same budget for the library's own code once an app uses all four constructs: the
  // aws-cdk-lib files they load are the floor here, since a plain app defining the same
  // resources loads them too.
  const cdkFiles = candidate(results, 'require-cdk-files');
  const all = candidate(results, 'require-lib-all');
  const usedTitle = 'library code loaded by all four constructs, over the aws-cdk-lib files they load';
  if (cdkFiles && all) {
    const delta = all.wallMs!.median - cdkFiles.wallMs!.median;
    const cpu = (all.cpuMs?.median ?? NaN) - (cdkFiles.cpuMs?.median ?? NaN);
    checks.push({
      id: 'module-load-used',
      title: usedTitle,
      target: `<= ${MODULE_LOAD_MAX_MS} ms`,
      measured: `${signedMs(delta)} wall (median), ${signedMs(cpu)} CPU${cpuDisagrees(delta <= MODULE_LOAD_MAX_MS, cpu <= MODULE_LOAD_MAX_MS)}`,
      pass: delta <= MODULE_LOAD_MAX_MS,
    });
  } else {
    checks.push({ id: 'module-load-used', title: usedTitle, target: `<= ${MODULE_LOAD_MAX_MS} ms`, measured: 'not measured' });
  }

  for (const validation of ['off', 'on'] as const) {
    const ref = candidate(results, `reference-lib-${validation}`);
    const plain = candidate(results, `reference-plain-${validation}`);
    const title = `reference app synth / plain aws-cdk-lib equivalent (validation ${validation})`;
    if (ref && plain) {
      const ratio = ref.wallMs!.median / plain.wallMs!.median;
      const cpuRatio = (ref.cpuMs?.median ?? NaN) / (plain.cpuMs?.median ?? NaN);
      const same = sameResources(ref, plain);
      const seconds = `${(ref.wallMs!.median / 1000).toFixed(2)} s / ${(plain.wallMs!.median / 1000).toFixed(2)} s`;
      const resources = `${ref.report?.resources} vs ${plain.report?.resources} resources${same ? ', same types and counts' : ', NOT the same resources: see the table'}`;
      checks.push({
        id: `reference-ratio-${validation}`,
        title,
        target: `<= ${REFERENCE_RATIO_MAX}x`,
        measured: `${ratio.toFixed(2)}x wall (${seconds}), ${cpuRatio.toFixed(2)}x CPU${cpuDisagrees(ratio <= REFERENCE_RATIO_MAX, cpuRatio <= REFERENCE_RATIO_MAX)}; ${resources}`,
        pass: ratio <= REFERENCE_RATIO_MAX,
      });
    } else {
      checks.push({ id: `reference-ratio-${validation}`, title, target: `<= ${REFERENCE_RATIO_MAX}x`, measured: 'not measured' });
    }
  }

  const bucket = perDepartment(okPoints(results.scale, 'bucket'));
  checks.push(bucket
    ? {
      id: 'bucket-resources',
      title: 'bucket mode: resources per department',
      target: `<= ${BUCKET_RESOURCES_PER_DEPARTMENT_MAX}`,
      measured: `${bucket.resources.toFixed(2)} (N = ${bucket.from} to ${bucket.to})`,
      pass: bucket.resources <= BUCKET_RESOURCES_PER_DEPARTMENT_MAX,
    }
    : { id: 'bucket-resources', title: 'bucket mode: resources per department', target: `<= ${BUCKET_RESOURCES_PER_DEPARTMENT_MAX}`, measured: 'not measured' });
  checks.push(bucket
    ? {
      id: 'bucket-bytes',
      title: 'bucket mode: template bytes per department',
      target: `<= ${BUCKET_BYTES_PER_DEPARTMENT_MAX} B`,
      measured: `${Math.round(bucket.bytes)} B (N = ${bucket.from} to ${bucket.to})`,
      pass: bucket.bytes <= BUCKET_BYTES_PER_DEPARTMENT_MAX,
    }
    : { id: 'bucket-bytes', title: 'bucket mode: template bytes per department', target: `<= ${BUCKET_BYTES_PER_DEPARTMENT_MAX} B`, measured: 'not measured' });

  const prefix = okPoints(results.scale, 'prefix');
  const p1 = prefix.find((p) => p.n === 1);
  const pMax = prefix.find((p) => p.n === 10_000);
  checks.push(p1 && pMax
    ? {
      id: 'prefix-flat',
      title: 'prefix mode flat: resources at N = 1 and N = 10,000',
      target: 'identical',
      measured: `${p1.resources} and ${pMax.resources} resources; ${p1.templateBytes} and ${pMax.templateBytes} template bytes`,
      pass: p1.resources === pMax.resources,
    }
    : { id: 'prefix-flat', title: 'prefix mode flat: resources at N = 1 and N = 10,000', target: 'identical', measured: `not measured (N = ${prefix.map((p) => p.n).join(', ') || 'none'} synthesized)` });

  const jest = results.jest;
  checks.push(jest
    ? {
      id: 'jest-suite',
      title: 'full jest suite (one run of npx jest)',
      target: `< ${JEST_MAX_S} s`,
      measured: `${(jest.wallMs / 1000).toFixed(1)} s wall, ${((jest.cpuMs ?? NaN) / 1000).toFixed(1)} s CPU; ${jest.tests ?? '?'} tests in ${jest.suites ?? '?'} suites, ${jest.failedTests ?? '?'} failed`,
      pass: jest.wallMs / 1000 < JEST_MAX_S,
    }
    : { id: 'jest-suite', title: 'full jest suite (one run of npx jest)', target: `< ${JEST_MAX_S} s`, measured: 'not measured (BENCH_JEST=0)' });
  return checks;
}

/** What the targets would read with the what-if candidates (cdk-nag from its own modules); not targets. */
export function whatIfs(results: Pick<Results, 'candidates'>): string[] {
  const lines: string[] = [];
  const floor = candidate(results, 'require-cdk');
  const lite = candidate(results, 'require-lib-nag-lite');
  const lib = candidate(results, 'require-lib');
  if (floor && lite) {
    const delta = lite.wallMs!.median - floor.wallMs!.median;
    const saved = lib ? `, ${ms(lib.wallMs!.median - lite.wallMs!.median)} less than today` : '';
    lines.push(`module load over require('aws-cdk-lib'): +${ms(delta)} wall${saved} (${delta <= MODULE_LOAD_MAX_MS ? 'would PASS' : 'would still MISS'} <= ${MODULE_LOAD_MAX_MS} ms)`);
  }
  const plain = candidate(results, 'reference-plain-off');
  for (const [id, what] of [['reference-lib-nag-lite-off', 'cdk-nag from its own modules'], ['reference-lib-lite-off', 'that, and the issuer name without RegionInfo']]) {
    const ref = candidate(results, id);
    if (ref && plain) {
      const ratio = ref.wallMs!.median / plain.wallMs!.median;
      const verdictText = ratio <= REFERENCE_RATIO_MAX ? 'would PASS' : 'would still MISS';
      lines.push(`reference app / plain (validation off), ${what}: ${ratio.toFixed(2)}x (${verdictText} <= ${REFERENCE_RATIO_MAX}x)`);
    }
  }
  return lines;
}

/** Whether two candidates synthesized the same resource types in the same numbers. */
export function sameResources(a: CandidateResult, b: CandidateResult): boolean {
  const ta = a.report?.resourceTypes ?? {};
  const tb = b.report?.resourceTypes ?? {};
  const keys = new Set([...Object.keys(ta), ...Object.keys(tb)]);
  return [...keys].every((k) => ta[k] === tb[k]);
}

/** PASS / MISS / n/a. */
export function verdict(check: TargetCheck): string {
  return check.pass === undefined ? 'n/a' : check.pass ? 'PASS' : 'MISS';
}
