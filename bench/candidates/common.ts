/**
 * Shared by the synth candidates: an App configured from the harness's environment, and the
 * synthesis with its measurements (resources, template bytes, phase times).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CandidateReport, report, reportError, sinceStart } from './report';

/** Whether the harness asked for aws-cdk-lib's built-in CloudFormation validation. */
export function validationOn(): boolean {
  return process.env.BENCH_VALIDATION === 'on';
}

/** An App writing to the harness's scratch directory, with validation as asked. */
export function newApp(): App {
  return new App({
    outdir: process.env.BENCH_OUTDIR,
    builtinCloudFormationValidation: validationOn(),
  });
}

/** A positive integer from the environment. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got '${raw}'`);
  }
  return value;
}

/** `count` department names: the reference app's own names first, then dept-0004, ... */
export function departmentNames(count: number): string[] {
  const known = ['finance', 'hr', 'engineering', 'sales', 'marketing', 'legal', 'support', 'operations', 'research', 'security'];
  const names = known.slice(0, count);
  for (let i = names.length; i < count; i++) names.push(`dept-${String(i + 1).padStart(5, '0')}`);
  return names;
}

interface TemplateShape {
  readonly Resources?: { [id: string]: { readonly Type: string } };
}

/** The bytes one resource takes in the template, the way the assembly pretty-prints it (1-space indent, 2 levels deep). */
function resourceBytes(id: string, resource: unknown): number {
  return JSON.stringify({ Resources: { [id]: resource } }, undefined, 1).length - JSON.stringify({ Resources: {} }, undefined, 1).length;
}

/**
 * Defines the constructs with `define`, synthesizes, and reports. Errors thrown while defining
 * or synthesizing are reported with the phase times reached so far.
 */
export function defineAndSynth(define: (app: App) => CandidateReport['notes'] | void): void {
  const loadedMs = sinceStart();
  let constructedMs: number | undefined;
  let notes: CandidateReport['notes'];
  try {
    const app = newApp();
    notes = define(app) ?? undefined;
    constructedMs = sinceStart();
    const assembly = app.synth();
    const synthesizedMs = sinceStart();
    let resources = 0;
    let templateBytes = 0;
    const resourceTypes: { [type: string]: number } = {};
    const bytesByType: { [type: string]: number } = {};
    for (const stack of assembly.stacks) {
      const template = stack.template as TemplateShape;
      for (const [id, r] of Object.entries(template.Resources ?? {})) {
        resources++;
        resourceTypes[r.Type] = (resourceTypes[r.Type] ?? 0) + 1;
        bytesByType[r.Type] = (bytesByType[r.Type] ?? 0) + resourceBytes(id, r);
      }
      templateBytes += fs.statSync(path.join(assembly.directory, stack.templateFile)).size;
    }
    report({ loadedMs, constructedMs, synthesizedMs, resources, resourceTypes, bytesByType, templateBytes, stacks: assembly.stacks.length, notes });
  } catch (err) {
    reportError(err, { loadedMs, constructedMs, notes });
  }
}
