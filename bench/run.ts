/**
 * The benchmark of issue 9: `npx projen bench` (or `ts-node --project tsconfig.dev.json bench/run.ts`).
 *
 * Every measured run is a fresh `node` process running a transpiled candidate (see
 * harness/build.ts). Candidates are interleaved in a different order every round, after
 * warm-up rounds. Writes bench/results.json, bench/REPORT.md and bench/chart.svg, and prints
 * PASS / MISS against the targets.
 *
 * Environment (defaults for a full run; BENCH_QUICK=1 for a quick development run):
 *   BENCH_RUNS=5          measured runs per candidate          (quick: 2)
 *   BENCH_RUNS_ON=        measured runs of the validation-on candidates (default: BENCH_RUNS; each costs ~4 s)
 *   BENCH_WARMUP=1        warm-up rounds, not recorded         (quick: 0)
 *   BENCH_VALIDATION=both off | on | both: aws-cdk-lib's built-in validation for app candidates (quick: off)
 *   BENCH_N=1,10,50,100,1000,10000   department counts          (quick: 1,10,100)
 *   BENCH_SCALE_RUNS=3    runs per department count            (quick: 1)
 *   BENCH_SCALE_SLOW_S=60 a size slower than this is not repeated and larger ones are skipped
 *   BENCH_TIMEOUT_S=300   per process
 *   BENCH_JEST=1          time one run of the whole jest suite (quick: 0)
 *   BENCH_PROBE=1         when a strategy never stops, try once at 10x the largest N (quick: 0)
 *   BENCH_WHATIF=         1 | 0: the what-if candidates (default: while lib/ still imports cdk-nag's index)
 *   BENCH_PROFILE=auto    auto (profile what misses a target) | always | never
 *   BENCH_BUILD=auto      auto (npx projen compile when lib/ is older than src/ or eager) | always | never
 *   BENCH_ONLY=           comma list of startup,synth,scale,jest (default: all)
 *   BENCH_REPORT_ONLY=1   re-render REPORT.md and chart.svg from results.json
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureLibrary, libraryImports, transpileAll } from './harness/build';
import { renderChart } from './harness/chart';
import { runOnce, RunSpec, Sample, shuffled, stat } from './harness/measure';
import { summarizeProfile } from './harness/profile';
import { renderReport } from './harness/report';
import { checkTargets, verdict, whatIfs } from './harness/targets';
import { CandidateResult, JestRun, Results, ScalePoint, StrategyLimit } from './harness/types';

const ROOT = path.resolve(__dirname, '..');
const BENCH = __dirname;
const BUILD = path.join(BENCH, '.build');
const SCRATCH = path.join(BENCH, '.out');
const RESULTS = path.join(BENCH, 'results.json');

function log(line: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function envString(name: string, fallback: string): string {
  return process.env[name] ?? fallback;
}

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got '${raw}'`);
  return value;
}

const quick = process.env.BENCH_QUICK === '1';
const config = {
  quick,
  runs: envNumber('BENCH_RUNS', quick ? 2 : 5, 1),
  runsValidationOn: envNumber('BENCH_RUNS_ON', envNumber('BENCH_RUNS', quick ? 2 : 5, 1), 1),
  warmup: envNumber('BENCH_WARMUP', quick ? 0 : 1, 0),
  validation: envString('BENCH_VALIDATION', quick ? 'off' : 'both'),
  sizes: envString('BENCH_N', quick ? '1,10,100' : '1,10,50,100,1000,10000'),
  scaleRuns: envNumber('BENCH_SCALE_RUNS', quick ? 1 : 3, 1),
  scaleSlowS: envNumber('BENCH_SCALE_SLOW_S', 60, 1),
  timeoutS: envNumber('BENCH_TIMEOUT_S', 300, 10),
  jest: envString('BENCH_JEST', quick ? '0' : '1') === '1',
  probe: envString('BENCH_PROBE', quick ? '0' : '1') === '1',
  profile: envString('BENCH_PROFILE', 'auto'),
  build: envString('BENCH_BUILD', 'auto'),
  only: envString('BENCH_ONLY', 'startup,synth,scale,jest'),
};
const parts = new Set(config.only.split(',').map((s) => s.trim()));
const sizes = config.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_N must be a comma list of positive integers, got '${config.sizes}'`);
if (!['off', 'on', 'both'].includes(config.validation)) throw new Error(`BENCH_VALIDATION must be off, on or both, got '${config.validation}'`);

interface Job {
  readonly id: string;
  readonly label: string;
  readonly group: 'startup' | 'synth';
  readonly script: string;
  readonly validation?: 'on' | 'off';
  readonly env: { [key: string]: string };
  readonly nodeFlags?: string[];
}

const LIB_DIR = path.join(ROOT, 'lib') + path.sep;
/** Node flags of the what-if runs (see candidates/whatif.ts). */
const WHATIF = ['-r', path.join(BUILD, 'bench', 'candidates', 'whatif.js')];

function script(name: string): string {
  return path.join(BUILD, 'bench', 'candidates', `${name}.js`);
}

function spec(job: { script: string; env: { [key: string]: string }; nodeFlags?: string[] }, nodeFlags?: string[]): RunSpec {
  const flags = [...(job.nodeFlags ?? []), ...(nodeFlags ?? [])];
  return { script: job.script, env: job.env, timeoutMs: config.timeoutS * 1000, cwd: ROOT, nodeFlags: flags };
}

function failure(sample: Sample): string | undefined {
  if (sample.timedOut) return `timed out after ${config.timeoutS} s`;
  if (sample.report?.error !== undefined) return sample.report.error;
  if (sample.exitCode !== 0) return `exit ${sample.exitCode}: ${(sample.stderrTail ?? '').trim().split('\n').slice(-5).join(' | ')}`;
  return undefined;
}

function summarize(samples: Sample[]): Pick<CandidateResult, 'wallMs' | 'cpuMs' | 'maxRssMb'> {
  return { wallMs: stat(samples.map((s) => s.wallMs)), cpuMs: stat(samples.map((s) => s.cpuMs)), maxRssMb: stat(samples.map((s) => s.maxRssMb)) };
}

/** Runs the jobs round-robin: warm-up rounds, then measured rounds, each in its own order. */
function measureJobs(jobs: Job[]): CandidateResult[] {
  const samples = new Map<string, Sample[]>(jobs.map((j) => [j.id, []]));
  const errors = new Map<string, string>();
  const rounds = config.warmup + config.runs;
  for (let round = 0; round < rounds; round++) {
    const warm = round < config.warmup;
    // Validation-on candidates take ~10x longer: they may sit out the last measured rounds.
    const wanted = (j: Job) => warm || j.validation !== 'on' || round - config.warmup < config.runsValidationOn;
    const order = shuffled(jobs.filter((j) => !errors.has(j.id) && wanted(j)), 9 + round);
    log(`round ${round + 1}/${rounds}${warm ? ' (warm-up)' : ''}: ${order.length} candidates`);
    for (const job of order) {
      const sample = runOnce(spec(job));
      const failed = failure(sample);
      if (failed !== undefined) {
        errors.set(job.id, failed);
        log(`  ${job.id}: FAILED, dropped: ${failed.slice(0, 300)}`);
        continue;
      }
      if (!warm) samples.get(job.id)!.push(sample);
    }
  }
  return jobs.map((job) => {
    const s = samples.get(job.id)!;
    const last = s[s.length - 1];
    const result: CandidateResult = {
      id: job.id,
      label: job.label,
      group: job.group,
      validation: job.validation,
      samples: s,
      ...summarize(s),
      report: last?.report,
      error: errors.get(job.id),
    };
    if (result.wallMs) log(`${job.id}: wall ${result.wallMs.median.toFixed(0)} ms [${result.wallMs.min.toFixed(0)}-${result.wallMs.max.toFixed(0)}], CPU ${result.cpuMs?.median.toFixed(0)} ms, RSS ${result.maxRssMb?.median.toFixed(0)} MB${last?.report?.resources !== undefined ? `, ${last.report.resources} resources` : ''}`);
    return result;
  });
}

/** The files outside lib/ that loading the library and using its four constructs loads, from one traced run. */
const TRACE_FILES = path.join(SCRATCH, 'library-files.json');
/** The four constructs; lib/index.js loads each one's file on first use (scripts/lazy-index.ts). */
const ALL_CONSTRUCTS = 'CognitoUserPoolAuth,FederatedIdentityPool,PerDepartmentBucketAccess,IamAuthorizedApi';

/**
 * Whether to run the what-if candidates: BENCH_WHATIF=1 forces them, =0 drops them; by default
 * they run while the compiled library still imports cdk-nag's index (what they replace).
 */
function whatIfWanted(): boolean {
  const forced = process.env.BENCH_WHATIF;
  if (forced === '1' || forced === '0') return forced === '1';
  return libraryImports(ROOT).includes('cdk-nag');
}

function startupJobs(): Job[] {
  const files = { BENCH_FILES: TRACE_FILES };
  const jobs: Job[] = [
    { id: 'node', label: 'node, empty script', group: 'startup', script: script('empty'), env: {} },
    { id: 'require-cdk', label: 'require(\'aws-cdk-lib\') (floor)', group: 'startup', script: script('require-cdk'), env: {} },
    {
      id: 'require-cdk-files',
      label: 'aws-cdk-lib + the aws-cdk-lib files the constructs load (no library code, no cdk-nag)',
      group: 'startup',
      script: script('require-files'),
      env: { ...files, BENCH_FILES_MATCH: '/node_modules/(aws-cdk-lib|constructs)/' },
    },
    { id: 'require-lib', label: 'aws-cdk-lib + cdk-cognito-access (lib/index.js, lazy), nothing used yet', group: 'startup', script: script('require-lib'), env: {} },
    {
      id: 'require-lib-auth',
      label: 'aws-cdk-lib + cdk-cognito-access, then CognitoUserPoolAuth used',
      group: 'startup',
      script: script('require-lib'),
      env: { BENCH_TOUCH: 'CognitoUserPoolAuth' },
    }, {
      id: 'require-lib-pools',
      label: 'aws-cdk-lib + cdk-cognito-access, then CognitoUserPoolAuth and FederatedIdentityPool used',
      group: 'startup',
      script: script('require-lib'),
      env: { BENCH_TOUCH: 'CognitoUserPoolAuth,FederatedIdentityPool' },
    }, {
      id: 'require-lib-all',
      label: 'aws-cdk-lib + cdk-cognito-access, then all four constructs used',
      group: 'startup',
      script: script('require-lib'),
      env: { BENCH_TOUCH: ALL_CONSTRUCTS },
    },
  ];
  if (whatIfWanted()) {
    jobs.push({
      id: 'require-lib-nag-lite',
      label: 'what-if: the same, cdk-nag imported from cdk-nag/lib/nag-pack + nag-rules',
      group: 'startup',
      script: script('require-lib'),
      env: { BENCH_LIB_DIR: LIB_DIR, BENCH_WHATIF: 'nag' },
      nodeFlags: WHATIF,
    });
  }
  return jobs;
}

function synthJobs(): Job[] {
  const validations: ('off' | 'on')[] = config.validation === 'both' ? ['off', 'on'] : [config.validation as 'off' | 'on'];
  const apps: [string, string][] = [
    ['empty-synth', 'empty App + Stack synth (floor)'],
    ['reference-lib', 'reference app, 10 departments (this library)'],
    ['reference-plain', 'reference app, 10 departments (plain aws-cdk-lib)'],
    ['auth-lib', 'user pool + identity pool, 3 group roles (this library)'],
    ['auth-plain', 'user pool + identity pool, 3 group roles (plain aws-cdk-lib)'],
    ['auth-amplify', 'user pool + identity pool, 3 group roles (@aws-amplify/auth-construct)'],
  ];
  const jobs: Job[] = validations.flatMap((v) => apps.map(([name, label]) => ({
    id: `${name}-${v}`, label, group: 'synth' as const, script: script(name), validation: v, env: { BENCH_VALIDATION: v, BENCH_DEPARTMENTS: '10' },
  })));
  if (validations.includes('off') && whatIfWanted()) {
    jobs.push({
      id: 'reference-lib-nag-lite-off',
      label: 'what-if: reference app (this library), cdk-nag imported from cdk-nag/lib/nag-pack + nag-rules',
      group: 'synth',
      script: script('reference-lib'),
      validation: 'off',
      env: { BENCH_VALIDATION: 'off', BENCH_DEPARTMENTS: '10', BENCH_LIB_DIR: LIB_DIR, BENCH_WHATIF: 'nag' },
      nodeFlags: WHATIF,
    }, {
      id: 'reference-lib-lite-off',
      label: 'what-if: the same, and the identity-pool issuer name without RegionInfo',
      group: 'synth',
      script: script('reference-lib'),
      validation: 'off',
      env: { BENCH_VALIDATION: 'off', BENCH_DEPARTMENTS: '10', BENCH_LIB_DIR: LIB_DIR, BENCH_WHATIF: 'nag,issuer' },
      nodeFlags: WHATIF,
    });
  }
  return jobs;
}

/** PerDepartmentBucketAccess at each size in both strategies; slow sizes are not repeated. */
function measureScale(): ScalePoint[] {
  const strategies: ('bucket' | 'prefix')[] = ['bucket', 'prefix'];
  const points = new Map<string, { strategy: 'bucket' | 'prefix'; n: number; samples: Sample[]; error?: string; timedOut?: boolean; skipped?: string; slow?: boolean }>();
  for (const strategy of strategies) for (const n of sizes) points.set(`${strategy}-${n}`, { strategy, n, samples: [] });
  const job = (strategy: string, n: number) => ({ script: script('scale'), env: { BENCH_STRATEGY: strategy, BENCH_N: String(n), BENCH_VALIDATION: 'off' } });
  for (let round = 0; round < config.scaleRuns; round++) {
    // The first round goes up in N so that a size past the time budget skips the larger ones.
    const keys = [...points.keys()];
    const order = round === 0 ? keys.sort((a, b) => points.get(a)!.n - points.get(b)!.n) : shuffled(keys, 101 + round);
    for (const key of order) {
      const p = points.get(key)!;
      if (p.skipped || p.timedOut || (round > 0 && p.slow)) continue;
      const sample = runOnce(spec(job(p.strategy, p.n)));
      p.samples.push(sample);
      p.error = sample.report?.error;
      p.timedOut = sample.timedOut;
      const what = sample.timedOut ? 'timed out' : sample.report?.error !== undefined ? `error after ${(sample.wallMs / 1000).toFixed(2)} s: ${sample.report.error.slice(0, 160)}` : failure(sample) ?? `${sample.report?.resources} resources, ${sample.report?.templateBytes} B`;
      log(`scale ${p.strategy} N=${p.n} (${round + 1}/${config.scaleRuns}): ${(sample.wallMs / 1000).toFixed(2)} s, ${what}`);
      if (sample.timedOut || sample.wallMs > config.scaleSlowS * 1000) {
        p.slow = true;
        for (const other of points.values()) {
          if (other.strategy === p.strategy && other.n > p.n && !other.skipped) other.skipped = `N = ${p.n} took ${(sample.wallMs / 1000).toFixed(0)} s (over BENCH_SCALE_SLOW_S=${config.scaleSlowS})`;
        }
      }
    }
  }
  return [...points.values()].map((p) => {
    const last = p.samples[p.samples.length - 1];
    return {
      strategy: p.strategy,
      n: p.n,
      samples: p.samples,
      ...summarize(p.samples),
      resources: last?.report?.resources,
      templateBytes: last?.report?.templateBytes,
      bytesByType: last?.report?.bytesByType,
      resourceTypes: last?.report?.resourceTypes,
      error: p.error ?? (last && !last.timedOut ? failure(last) : undefined),
      timedOut: p.timedOut || undefined,
      skipped: p.skipped,
    };
  });
}

/** Where each strategy stops; for bucket mode, bisect between the last size that fits and the first that does not. */
function findLimits(scale: ScalePoint[]): StrategyLimit[] {
  return (['bucket', 'prefix'] as const).map((strategy) => {
    const pts = scale.filter((p) => p.strategy === strategy && !p.skipped).sort((a, b) => a.n - b.n);
    const ok = pts.filter((p) => p.resources !== undefined && p.error === undefined);
    const failing = pts.find((p) => p.error !== undefined && !p.timedOut);
    let maxOk = ok.length > 0 ? ok[ok.length - 1].n : undefined;
    let firstFailing = failing?.n;
    let message = failing?.error;
    let method = 'measured sizes';
    if (maxOk !== undefined && firstFailing !== undefined && firstFailing > maxOk + 1 && maxOk < firstFailing) {
      method = 'bisection';
      let lo = maxOk;
      let hi = firstFailing;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        const s = runOnce(spec({ script: script('scale'), env: { BENCH_STRATEGY: strategy, BENCH_N: String(mid), BENCH_VALIDATION: 'off' } }));
        const err = failure(s);
        log(`limit ${strategy}: N=${mid} ${err === undefined ? 'fits' : 'fails'}`);
        if (err === undefined) {
          lo = mid;
        } else {
          hi = mid;
          message = err;
        }
      }
      maxOk = lo;
      firstFailing = hi;
    }
    let probe: StrategyLimit['probe'];
    if (firstFailing === undefined && maxOk !== undefined && config.probe && !pts.some((p) => p.timedOut)) {
      const n = maxOk * 10;
      const s = runOnce(spec({ script: script('scale'), env: { BENCH_STRATEGY: strategy, BENCH_N: String(n), BENCH_VALIDATION: 'off' } }));
      const err = failure(s);
      const outcome = err ?? `synthesized: ${s.report?.resources} resources, ${s.report?.templateBytes} template bytes`;
      probe = { n, seconds: Math.round(s.wallMs / 10) / 100, outcome };
      log(`probe ${strategy} N=${n}: ${(s.wallMs / 1000).toFixed(2)} s, ${outcome.slice(0, 200)}`);
    }
    return { strategy, maxOk, firstFailing, message, method, probe };
  });
}

function timeJest(): JestRun {
  // Development only: limit the run to some test files.
  const jestArgs = (process.env.BENCH_JEST_ARGS ?? '').split(' ').filter((a) => a !== '');
  const out = path.join(SCRATCH, 'jest.json');
  const timeFile = path.join(SCRATCH, 'jest-time.txt');
  fs.rmSync(out, { force: true });
  log('timing one run of the whole jest suite (npx jest --ci)');
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%e %U %S %M', 'npx', 'jest', '--ci', '--json', `--outputFile=${out}`, ...jestArgs], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, BENCH_QUICK: undefined }, timeout: 900_000,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const last = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '' : '';
  const [, user, sys, rss] = last.split(' ').map(Number);
  let summary: {
    numTotalTestSuites?: number;
    numTotalTests?: number;
    numFailedTests?: number;
    numFailedTestSuites?: number;
    testResults?: { name: string; startTime?: number; endTime?: number }[];
  } = {};
  if (fs.existsSync(out)) summary = JSON.parse(fs.readFileSync(out, 'utf8'));
  const files = (summary.testResults ?? [])
    .map((t) => ({ file: path.relative(ROOT, t.name), seconds: ((t.endTime ?? 0) - (t.startTime ?? 0)) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds);
  const result = {
    wallMs,
    cpuMs: Number.isFinite(user + sys) ? (user + sys) * 1000 : undefined,
    maxRssMb: Number.isFinite(rss) ? rss / 1024 : undefined,
    exitCode: run.status,
    suites: summary.numTotalTestSuites,
    tests: summary.numTotalTests,
    failedTests: summary.numFailedTests,
    failedSuites: summary.numFailedTestSuites,
    slowest: files.slice(0, 10).map((f) => ({ file: f.file, seconds: Math.round(f.seconds * 10) / 10 })),
    filesSeconds: Math.round(files.reduce((sum, f) => sum + f.seconds, 0) * 10) / 10,
  };
  log(`jest: ${(wallMs / 1000).toFixed(1)} s, ${result.tests} tests, ${result.failedTests} failed, exit ${run.status}`);
  return result;
}

function profileJob(name: string, job: { script: string; env: { [key: string]: string } }) {
  const dir = path.join(SCRATCH, 'profiles', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  runOnce(spec(job, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200']));
  const summary = summarizeProfile(dir, ROOT);
  log(`profile ${name}: ${summary.totalMs} ms sampled; top: ${summary.byArea.slice(0, 4).map((e) => `${e.name} ${e.ms} ms`).join(', ')}`);
  return summary;
}

function git(args: string[]): string {
  return spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
}

function version(pkgDir: string): string | undefined {
  const file = path.join(pkgDir, 'package.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : undefined;
}

function writeOutputs(results: Results): void {
  fs.writeFileSync(path.join(BENCH, 'chart.svg'), renderChart(results));
  fs.writeFileSync(path.join(BENCH, 'REPORT.md'), renderReport(results));
  log('wrote bench/REPORT.md and bench/chart.svg');
  for (const t of results.targets) log(`${verdict(t).padEnd(4)} ${t.title}: ${t.measured} (target ${t.target})`);
  for (const line of whatIfs(results)) log(`what-if: ${line}`);
}

function main(): void {
  if (process.env.BENCH_REPORT_ONLY === '1') {
    const stored = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as Results;
    writeOutputs({ ...stored, targets: checkTargets(stored) });
    return;
  }
  const started = Date.now();
  fs.mkdirSync(SCRATCH, { recursive: true });
  const loadBefore = os.loadavg()[0];
  const build = ensureLibrary(ROOT, config.build, log);
  transpileAll(ROOT, BUILD);
  const dirty = git(['status', '--porcelain', '--', 'src', 'examples']);
  const environment = {
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model,
    nproc: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3 * 10) / 10,
    awsCdkLib: version(path.join(ROOT, 'node_modules', 'aws-cdk-lib')),
    constructs: version(path.join(ROOT, 'node_modules', 'constructs')),
    amplifyAuthConstruct: version(path.join(BENCH, 'node_modules', '@aws-amplify', 'auth-construct')),
    library: version(ROOT),
    commit: git(['rev-parse', '--short', 'HEAD']),
    workingTree: dirty === '' ? 'clean (src/, examples/)' : `uncommitted changes in ${dirty.split('\n').length} files under src/ or examples/ (measured as they are)`,
    libBuild: build.state + (build.seconds !== undefined ? ` (compile ${build.seconds.toFixed(0)} s)` : '') + (build.error ? `: ${build.error.split('\n').slice(-3).join(' ')}` : ''),
    libraryImports: libraryImports(ROOT).join(' '),
    loadAverageBefore: Math.round(loadBefore * 100) / 100,
    loadAverageAfter: undefined as number | undefined,
    gnuTime: fs.existsSync('/usr/bin/time'),
  };
  log(`node ${environment.node}, aws-cdk-lib ${environment.awsCdkLib}, commit ${environment.commit}, lib ${environment.libBuild}, ${environment.nproc} CPUs, load ${environment.loadAverageBefore}`);

  const candidates: CandidateResult[] = [];
  let requireTrace;
  if (parts.has('startup')) {
    const touchAll = { BENCH_LIB_DIR: LIB_DIR, BENCH_TOUCH: ALL_CONSTRUCTS };
    requireTrace = runOnce(spec({ script: script('trace-requires'), env: touchAll })).report;
    // The aws-cdk-lib files the constructs themselves need: traced without cdk-nag's index, which loads many more.
    runOnce(spec({ script: script('trace-requires'), env: { ...touchAll, BENCH_TRACE_OUT: TRACE_FILES, BENCH_WHATIF: 'nag' }, nodeFlags: WHATIF }));
    candidates.push(...measureJobs(startupJobs()));
  }
  if (parts.has('synth')) candidates.push(...measureJobs(synthJobs()));
  const scale = parts.has('scale') ? measureScale() : [];
  const limits = parts.has('scale') ? findLimits(scale) : [];
  const jest = parts.has('jest') && config.jest ? timeJest() : undefined;

  const partial = {
    schema: 1 as const,
    date: new Date().toISOString(),
    durationS: 0,
    config,
    environment,
    candidates,
    scale,
    limits,
    jest,
    requireTrace,
    profiles: {},
  };
  const targets = checkTargets(partial);
  const profiles: Results['profiles'] = {};
  const missed = (id: string) => targets.some((t) => t.id.startsWith(id) && t.pass === false);
  const want = (id: string) => config.profile === 'always' || (config.profile === 'auto' && missed(id));
  if (want('module-load') && candidates.some((c) => c.id === 'require-lib' && c.wallMs)) {
    profiles['require-lib'] = profileJob('require-lib', { script: script('require-lib'), env: {} });
    profiles['require-cdk'] = profileJob('require-cdk', { script: script('require-cdk'), env: {} });
  }
  if (want('reference-ratio') && candidates.some((c) => c.id === 'reference-lib-off' && c.wallMs)) {
    profiles['reference-lib-off'] = profileJob('reference-lib-off', { script: script('reference-lib'), env: { BENCH_VALIDATION: 'off', BENCH_DEPARTMENTS: '10' } });
    profiles['reference-plain-off'] = profileJob('reference-plain-off', { script: script('reference-plain'), env: { BENCH_VALIDATION: 'off', BENCH_DEPARTMENTS: '10' } });
  }
  environment.loadAverageAfter = Math.round(os.loadavg()[0] * 100) / 100;
  const results: Results = { ...partial, durationS: Math.round((Date.now() - started) / 1000), profiles, targets };
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 1) + '\n');
  log(`wrote ${path.relative(ROOT, RESULTS)}`);
  writeOutputs(results);
}

main();
