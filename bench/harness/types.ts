/**
 * The shape of bench/results.json, shared by the runner, the target checks and the report.
 */
import { Sample, Stat } from './measure';
import { ProfileSummary } from './profile';
import { CandidateReport } from '../candidates/report';

/** A process candidate measured over several runs. */
export interface CandidateResult {
  readonly id: string;
  readonly label: string;
  readonly group: 'startup' | 'synth';
  readonly validation?: 'on' | 'off';
  readonly samples: Sample[];
  readonly wallMs?: Stat;
  readonly cpuMs?: Stat;
  readonly maxRssMb?: Stat;
  /** The last successful run's own report (resources, template bytes, phase times). */
  readonly report?: CandidateReport;
  /** Set when the candidate could not run (e.g. a construct that has not landed yet). */
  readonly error?: string;
}

/** PerDepartmentBucketAccess at one size in one strategy. */
export interface ScalePoint {
  readonly strategy: 'bucket' | 'prefix';
  readonly n: number;
  readonly samples: Sample[];
  readonly wallMs?: Stat;
  readonly cpuMs?: Stat;
  readonly maxRssMb?: Stat;
  readonly resources?: number;
  readonly templateBytes?: number;
  /** Template bytes by resource type. */
  readonly bytesByType?: { [type: string]: number };
  /** Resources by type. */
  readonly resourceTypes?: { [type: string]: number };
  /** The library's error when this size is past the strategy's limit. */
  readonly error?: string;
  readonly timedOut?: boolean;
  /** Why this size was not run. */
  readonly skipped?: string;
}

/** Where a strategy stops. */
export interface StrategyLimit {
  readonly strategy: 'bucket' | 'prefix';
  /** The largest N that synthesized. */
  readonly maxOk?: number;
  /** The smallest N that failed, and the library's message. */
  readonly firstFailing?: number;
  readonly message?: string;
  /** How maxOk was found: 'measured sizes' or 'bisection'. */
  readonly method: string;
  /** When nothing failed: one run at 10x the largest size, and what happened. */
  readonly probe?: { readonly n: number; readonly seconds: number; readonly outcome: string };
}

/** One run of the whole jest suite. */
export interface JestRun {
  readonly wallMs: number;
  readonly cpuMs?: number;
  readonly maxRssMb?: number;
  readonly exitCode: number | null;
  readonly suites?: number;
  readonly tests?: number;
  readonly failedTests?: number;
  readonly failedSuites?: number;
  /** The slowest test files (seconds in their worker). */
  readonly slowest?: { readonly file: string; readonly seconds: number }[];
  /** Sum of every test file's own time: what the workers spent. */
  readonly filesSeconds?: number;
}

/** A target of issue 9, checked. */
export interface TargetCheck {
  readonly id: string;
  readonly title: string;
  readonly target: string;
  readonly measured: string;
  /** undefined when it could not be measured in this run. */
  readonly pass?: boolean;
}

/** Everything a run produced. */
export interface Results {
  readonly schema: 1;
  readonly date: string;
  readonly durationS: number;
  readonly config: { [key: string]: string | number | boolean };
  readonly environment: { [key: string]: string | number | boolean | undefined };
  readonly candidates: CandidateResult[];
  readonly scale: ScalePoint[];
  readonly limits: StrategyLimit[];
  readonly jest?: JestRun;
  readonly requireTrace?: CandidateReport;
  readonly profiles: { [name: string]: ProfileSummary };
  readonly targets: TargetCheck[];
}
