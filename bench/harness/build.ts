/**
 * Prepares what the candidates run: the compiled library (lib/, built with jsii when missing
 * or older than src/), and the candidates, baseline apps and examples transpiled to plain
 * JavaScript in bench/.build/, so no candidate pays for ts-node.
 *
 * bench/.build mirrors the repository: bench/.build/src/** are one-line shims that re-export
 * the compiled lib/**, so `import ... from '../../src'` in a candidate, and `'../src'` in
 * examples/app.ts, load exactly what users of the package load.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { GENERATED } from '../../scripts/lazy-index';

/** What the library build step did. */
export interface LibraryBuild {
  /** 'fresh' (lib/ newer than src/), 'built' (compiled now), 'stale' (compile failed; old lib/ used). */
  readonly state: 'fresh' | 'built' | 'stale';
  readonly seconds?: number;
  readonly error?: string;
}

function filesUnder(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...filesUnder(full, ext));
    } else if (entry.name.endsWith(ext) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

function newestMtime(files: string[]): number {
  return Math.max(0, ...files.map((f) => fs.statSync(f).mtimeMs));
}

/** Whether lib/index.js is the lazy index the compile task writes (scripts/lazy-index.ts), not tsc's eager one. */
function lazyIndex(libIndex: string): boolean {
  return fs.existsSync(libIndex) && fs.readFileSync(libIndex, 'utf8').includes(GENERATED);
}

/**
 * Builds lib/ with the compile task (jsii, then the lazy index) when `mode` is 'always', or
 * 'auto' and lib/ is missing, stale or has tsc's eager index.
 */
export function ensureLibrary(root: string, mode: string, log: (line: string) => void): LibraryBuild {
  const libIndex = path.join(root, 'lib', 'index.js');
  const sources = filesUnder(path.join(root, 'src'), '.ts');
  const missing = sources.some((f) => !fs.existsSync(path.join(root, 'lib', path.relative(path.join(root, 'src'), f).replace(/\.ts$/, '.js'))));
  const stale = !fs.existsSync(libIndex) || missing || newestMtime(sources) > fs.statSync(libIndex).mtimeMs || !lazyIndex(libIndex);
  if (mode === 'never' || (mode === 'auto' && !stale)) {
    if (!fs.existsSync(libIndex)) throw new Error(`BENCH_BUILD=${mode} but ${libIndex} does not exist; run npx projen compile first or use BENCH_BUILD=auto`);
    return { state: stale ? 'stale' : 'fresh' };
  }
  log(`building lib/ with npx projen compile (${stale ? 'lib/ is missing, older than src/ or has the eager index' : 'BENCH_BUILD=always'})`);
  const start = Date.now();
  const compile = spawnSync('npx', ['projen', 'compile'], { cwd: root, encoding: 'utf8' });
  const seconds = (Date.now() - start) / 1000;
  if (compile.status !== 0) {
    const error = `${compile.stdout}\n${compile.stderr}`.trim().split('\n').slice(-15).join('\n');
    if (!fs.existsSync(libIndex)) throw new Error(`compile failed and there is no lib/ to fall back on:\n${error}`);
    log(`compile failed after ${seconds.toFixed(1)} s; measuring the previous lib/ (see results.environment.library)`);
    return { state: 'stale', seconds, error };
  }
  return { state: 'built', seconds };
}

/** Transpiles bench/candidates, bench/apps and examples into bench/.build and writes the src shims. */
export function transpileAll(root: string, buildDir: string): void {
  fs.rmSync(buildDir, { recursive: true, force: true });
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    sourceMap: false,
  };
  const sources = [
    ...filesUnder(path.join(root, 'bench', 'candidates'), '.ts'),
    ...filesUnder(path.join(root, 'bench', 'apps'), '.ts'),
    ...filesUnder(path.join(root, 'examples'), '.ts'),
  ];
  for (const file of sources) {
    const out = path.join(buildDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
  }
  // Files the examples read at synth time (e.g. the inline Lambda's source) keep their place.
  for (const file of filesUnder(path.join(root, 'examples'), '')) {
    if (file.endsWith('.ts')) continue;
    const out = path.join(buildDir, path.relative(root, file));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(file, out);
  }
  const libDir = path.join(root, 'lib');
  for (const file of filesUnder(libDir, '.js')) {
    const shim = path.join(buildDir, 'src', path.relative(libDir, file));
    fs.mkdirSync(path.dirname(shim), { recursive: true });
    fs.writeFileSync(shim, `module.exports = require(${JSON.stringify(file)});\n`);
  }
}

/** The bare modules the compiled library requires (aws-cdk-lib submodules, cdk-nag, ...). */
export function libraryImports(root: string): string[] {
  const found = new Set<string>();
  for (const file of filesUnder(path.join(root, 'lib'), '.js')) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) found.add(m[1]);
  }
  return [...found].filter((m) => !m.startsWith('node:') && !['fs', 'path', 'os', 'crypto', 'util'].includes(m)).sort();
}
