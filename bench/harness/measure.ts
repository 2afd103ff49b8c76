/**
 * Runs one candidate as a fresh Node.js process and measures it from outside: wall time (the
 * parent's clock), CPU time and peak RSS (GNU time's %U %S %M, or the child's own
 * process.resourceUsage() when /usr/bin/time is missing).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CandidateReport, RESULT_MARKER } from '../candidates/report';

const GNU_TIME = '/usr/bin/time';
const TIMEOUT = '/usr/bin/timeout';

/** One measured process. */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs?: number;
  readonly maxRssMb?: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly report?: CandidateReport;
  /** The end of stderr when the process failed without a report. */
  readonly stderrTail?: string;
}

/** How to run a candidate. */
export interface RunSpec {
  /** The transpiled candidate script. */
  readonly script: string;
  /** BENCH_* variables for the child. */
  readonly env: { [key: string]: string };
  readonly timeoutMs: number;
  /** Extra node flags (profiling). */
  readonly nodeFlags?: string[];
  readonly cwd: string;
}

/** The child's environment: ours minus what would change what is measured. */
export function childEnv(extra: { [key: string]: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // CDK_VALIDATION would override the App prop; NODE_OPTIONS and ts-node's variables would add work.
  for (const key of Object.keys(env)) {
    if (key === 'CDK_VALIDATION' || key === 'NODE_OPTIONS' || key.startsWith('TS_NODE_') || key.startsWith('BENCH_') || key === 'CDK_CONTEXT_JSON') delete env[key];
  }
  return { ...env, ...extra };
}

/** Runs the candidate once in a fresh process, in a fresh cloud-assembly directory. */
export function runOnce(spec: RunSpec): Sample {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cca-bench-'));
  const timeFile = path.join(scratch, 'time.txt');
  const outdir = path.join(scratch, 'cdk.out');
  const useGnuTime = fs.existsSync(GNU_TIME);
  // coreutils' timeout kills the node process itself (spawnSync's timeout would only kill time).
  const nodeCommand = [process.execPath, ...(spec.nodeFlags ?? []), spec.script];
  const guarded = fs.existsSync(TIMEOUT) ? [TIMEOUT, '-s', 'KILL', `${Math.ceil(spec.timeoutMs / 1000)}`, ...nodeCommand] : nodeCommand;
  const argv = useGnuTime ? [GNU_TIME, '-o', timeFile, '-f', '%e %U %S %M', ...guarded] : guarded;
  try {
    const start = process.hrtime.bigint();
    const child = spawnSync(argv[0], argv.slice(1), {
      cwd: spec.cwd,
      env: childEnv({ ...spec.env, BENCH_OUTDIR: outdir }),
      encoding: 'utf8',
      timeout: spec.timeoutMs + 15_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const timedOut = child.status === 137 || (child.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    const report = parseReport(child.stdout ?? '');
    let cpuMs: number | undefined;
    let maxRssMb: number | undefined;
    if (useGnuTime && fs.existsSync(timeFile)) {
      // With a non-zero exit GNU time writes "Command exited with non-zero status N" first.
      const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const [, user, sys, rssKb] = last.split(' ').map(Number);
      if ([user, sys, rssKb].every((v) => Number.isFinite(v))) {
        cpuMs = (user + sys) * 1000;
        maxRssMb = rssKb / 1024;
      }
    }
    const exitCode = child.status;
    const failed = exitCode !== 0 && report?.error === undefined;
    return {
      wallMs,
      cpuMs,
      maxRssMb,
      exitCode,
      timedOut,
      report,
      stderrTail: failed || timedOut ? (child.stderr ?? '').slice(-2000) : undefined,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function parseReport(stdout: string): CandidateReport | undefined {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_MARKER));
  return line === undefined ? undefined : JSON.parse(line.slice(RESULT_MARKER.length)) as CandidateReport;
}

/** Median, minimum and maximum of a series. */
export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** The statistics of the defined values, or undefined when there are none. */
export function stat(values: (number | undefined)[]): Stat | undefined {
  const v = values.filter((x): x is number => x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

/** A deterministic shuffle (a linear congruential generator), so each round's order is varied yet reproducible. */
export function shuffled<T>(items: T[], seed: number): T[] {
  let state = Math.abs(Math.floor(seed)) % 2147483648;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
