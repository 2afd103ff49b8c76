/**
 * The child side of the protocol: a candidate prints one `BENCH_RESULT {json}` line on stdout.
 *
 * This file imports nothing, so the `empty` candidate measures bare Node.js.
 */

/** The marker the harness looks for in a candidate's stdout. */
export const RESULT_MARKER = 'BENCH_RESULT ';

/** What a candidate reports about itself, on top of what the harness measures from outside. */
export interface CandidateReport {
  /** Milliseconds since the process started when the candidate's imports were loaded. */
  readonly loadedMs?: number;
  /** ... when the constructs were defined. */
  readonly constructedMs?: number;
  /** ... when synthesis finished. */
  readonly synthesizedMs?: number;
  /** Resources over all synthesized stacks. */
  readonly resources?: number;
  /** Resources by CloudFormation type. */
  readonly resourceTypes?: { [type: string]: number };
  /** Template bytes by resource type (each resource pretty-printed as the assembly writes it). */
  readonly bytesByType?: { [type: string]: number };
  /** Bytes of the template files written to the cloud assembly. */
  readonly templateBytes?: number;
  /** Stacks synthesized. */
  readonly stacks?: number;
  /** The error that stopped the candidate (expected for scale runs past a limit). */
  readonly error?: string;
  /** Anything else worth recording (e.g. how the departments were set). */
  readonly notes?: { [key: string]: string | number | boolean };
}

/** Milliseconds since this process started (performance.timeOrigin). */
export function sinceStart(): number {
  return Math.round(performance.now() * 100) / 100;
}

/** Prints the report line; the process then ends normally. */
export function report(r: CandidateReport): void {
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(r)}\n`);
}

/** Prints an error report and sets a non-zero exit code (the harness records the message). */
export function reportError(err: unknown, partial: CandidateReport = {}): void {
  const message = err instanceof Error ? err.message : String(err);
  report({ ...partial, error: message });
  process.exitCode = 3;
}
