/**
 * Turns a V8 CPU profile (node --cpu-prof) into the few lines a report needs: self time by
 * package / aws-cdk-lib submodule / library file, and the hottest functions.
 */
import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** Self time in one bucket. */
export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
}

/** A profile summarized. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly byArea: ProfileEntry[];
  readonly topFunctions: ProfileEntry[];
}

/** Where a frame's code lives: node internals, aws-cdk-lib/<submodule>, a package, a lib/ file. */
export function areaOf(url: string, functionName: string, root: string): string {
  if (url === '') return `(${functionName || 'native'})`;
  if (url.startsWith('node:')) return 'node internals';
  const file = url.replace(/^file:\/\//, '');
  const cdk = file.match(/node_modules\/aws-cdk-lib\/([^/]+)\//);
  if (cdk) return `aws-cdk-lib/${cdk[1]}`;
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1];
  if (file.startsWith(path.join(root, 'lib') + path.sep)) return `cdk-cognito-access ${path.relative(root, file)}`;
  if (file.startsWith(root + path.sep)) return path.relative(root, file);
  return file;
}

/** Reads the newest .cpuprofile in `dir` and summarizes it. */
export function summarizeProfile(dir: string, root: string, top = 12): ProfileSummary {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  const newest = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  const profile = JSON.parse(fs.readFileSync(newest, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // Sample i lasts until sample i + 1 (timeDeltas[i + 1]); the last one until endTime.
  let t = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => (t += d));
  for (let i = 0; i < profile.samples.length; i++) {
    const until = i + 1 < stamps.length ? stamps[i + 1] : profile.endTime;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + Math.max(0, until - stamps[i]));
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    total += us;
    const area = areaOf(frame.url, frame.functionName, root);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = frame.url === '' ? '' : ` ${areaOf(frame.url, '', root)}/${path.basename(frame.url)}:${frame.lineNumber + 1}`;
    const fn = `${frame.functionName || '(anonymous)'}${where}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const entries = (m: Map<string, number>) => [...m]
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
  return { totalMs: Math.round(total / 100) / 10, byArea: entries(areas), topFunctions: entries(functions) };
}
