/**
 * The lazy lib/index.js that scripts/lazy-index.ts writes after jsii (compile task), against the eager index
 * tsc writes for src/index.ts: the same names and values, no file of lib/ loaded until a name is
 * used, ESM named imports, source-mapped stack traces from the lazily loaded files.
 *
 * Needs a compiled library (`npx projen compile`, which `npx projen build` runs before the tests).
 * Every probe runs in a child process that requires the package by name from a consumer
 * directory, so this process's module cache hides nothing. Each check is also run on a copy of
 * the package with a broken file, where it must fail.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { assemblyLocations, GENERATED, reexportedFiles } from '../../scripts/lazy-index';

const ROOT = path.resolve(__dirname, '..', '..');
/** How jsii's tsc emits lib/ (tsconfig.json: module node16 in a CommonJS package). */
const COMMONJS: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };

/** What a CommonJS consumer sees: run as `node probe.js <lib dir> <name to use> <re-exported files>`. */
const PROBE = `
const path = require('path');
const [libDir, touch, files] = process.argv.slice(2);
const loaded = () => Object.keys(require.cache)
  .filter((f) => f.startsWith(libDir + path.sep))
  .map((f) => path.relative(libDir, f).split(path.sep).join('/'))
  .sort();
require('aws-cdk-lib');
const lib = require('cdk-cognito-access');
const afterRequire = loaded();
const names = Object.keys(lib);
const touched = typeof lib[touch];
const afterTouch = loaded();
// The eager index: tsc's __exportStar of each file, the first file exporting a name wins.
const eager = {};
for (const file of JSON.parse(files)) {
  const exported = require(path.join(libDir, file));
  for (const name in exported) if (name !== 'default' && !(name in eager)) eager[name] = exported[name];
}
const differentValues = Object.keys(eager).filter((name) => lib[name] !== eager[name]);
console.log(JSON.stringify({ afterRequire, names, touched, afterTouch, eagerNames: Object.keys(eager), differentValues }));
`;

/** What an ESM consumer sees. */
const ESM = `
import { CognitoUserPoolAuth } from 'cdk-cognito-access';
import * as lib from 'cdk-cognito-access';
console.log(JSON.stringify({ named: typeof CognitoUserPoolAuth, names: Object.keys(lib) }));
`;

/** An error thrown in a lazily loaded file, under --enable-source-maps. */
const THROW = `
const { App, Stack } = require('aws-cdk-lib');
const { FederatedIdentityPool } = require('cdk-cognito-access');
try {
  new FederatedIdentityPool(new Stack(new App(), 'Stack'), 'Pool', { identityPoolLogicalId: '1bad' });
} catch (e) {
  console.log(e.stack);
}
`;

interface Probe {
  readonly afterRequire: string[];
  readonly names: string[];
  readonly touched: string;
  readonly afterTouch: string[];
  readonly eagerNames: string[];
  readonly differentValues: string[];
}

/** The files src/index.ts re-exports, from tsc's CommonJS output of it. */
function eagerReexports(): string[] {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'index.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: COMMONJS });
  const files = [...outputText.matchAll(/__exportStar\(require\("(\.\/[^"]+)"\), exports\)/g)].map((m) => m[1]);
  if (files.length === 0) throw new Error(`no __exportStar in tsc's output of src/index.ts:\n${outputText}`);
  return files;
}

let scratch: string;

/** A consumer directory whose node_modules has cdk-cognito-access (the package at `pkg`) and aws-cdk-lib. */
function consumer(pkg: string): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(pkg, path.join(dir, 'node_modules', 'cdk-cognito-access'), 'dir');
  for (const dep of ['aws-cdk-lib', 'constructs']) fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(dir, 'node_modules', dep), 'dir');
  fs.writeFileSync(path.join(dir, 'probe.js'), PROBE);
  fs.writeFileSync(path.join(dir, 'esm.mjs'), ESM);
  fs.writeFileSync(path.join(dir, 'throw.js'), THROW);
  return dir;
}

function node(cwd: string, args: string[]): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function probe(pkg: string, touch: string): Probe {
  const libDir = fs.realpathSync(path.join(pkg, 'lib'));
  return JSON.parse(node(consumer(pkg), ['probe.js', libDir, touch, JSON.stringify(eagerReexports())]));
}

function esm(pkg: string): { named: string; names: string[] } {
  return JSON.parse(node(consumer(pkg), ['esm.mjs']));
}

/** A copy of the built package with `file` of lib/ `mutate`d; it resolves aws-cdk-lib from this checkout. */
function brokenCopy(file: string, mutate: (text: string) => string): string {
  const pkg = fs.mkdtempSync(path.join(scratch, 'pkg-'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  fs.cpSync(path.join(ROOT, 'lib'), path.join(pkg, 'lib'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  const target = path.join(pkg, 'lib', file);
  const before = fs.readFileSync(target, 'utf8');
  const after = mutate(before);
  if (after === before) throw new Error(`the mutation of lib/${file} changed nothing: update it to the generated form`);
  fs.writeFileSync(target, after);
  return pkg;
}

// The checks, each applied to the real package and to a broken copy.
function expectSameExports(p: Probe): void {
  expect(p.eagerNames).toContain('CognitoUserPoolAuth');
  expect(p.names).toEqual(p.eagerNames);
  expect(p.differentValues).toEqual([]);
}

function expectNothingLoadedByRequire(p: Probe): void {
  expect(p.afterRequire).toEqual(['index.js']);
}

/** Using CognitoUserPoolAuth loads its file, and none of the other constructs'. */
function expectOnlyUserPoolLoaded(p: Probe): void {
  expect(p.touched).toBe('function');
  expect(p.afterTouch).toContain('cognito-user-pool-auth.js');
  for (const other of ['federated-identity-pool.js', 'per-department-bucket-access.js', 'iam-authorized-api.js', 'checks/cognito-access-checks.js']) {
    expect(p.afterTouch).not.toContain(other);
  }
}

function expectEsmNames(pkg: string, eagerNames: string[]): void {
  const seen = esm(pkg);
  expect(seen.named).toBe('function');
  expect(seen.names.filter((n) => n !== 'default' && n !== '__esModule')).toEqual([...eagerNames].sort());
}

/** An error thrown in FederatedIdentityPool's file, loaded lazily, points at its TypeScript line. */
function expectMappedStack(pkg: string): void {
  const stack = node(consumer(pkg), ['--enable-source-maps', 'throw.js']);
  expect(stack).toContain('identityPoolLogicalId must match');
  expect(stack).toMatch(/at new FederatedIdentityPool \(\S*\/src\/federated-identity-pool\.ts:\d+:\d+\)/);
}

beforeAll(() => {
  const index = fs.existsSync(path.join(ROOT, 'lib', 'index.js')) ? fs.readFileSync(path.join(ROOT, 'lib', 'index.js'), 'utf8') : '';
  if (!index.includes(GENERATED)) {
    throw new Error('lib/index.js is missing or not the lazy index: run `npx projen compile` first');
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-index-test-'));
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the built lib/index.js', () => {
  let built: Probe;
  beforeAll(() => {
    built = probe(ROOT, 'CognitoUserPoolAuth');
  });

  test('exports the names and values of the eager index, in its order', () => {
    expectSameExports(built);
  });

  test('loads no file of lib/ until a name is used', () => {
    expectNothingLoadedByRequire(built);
  });

  test('loads the file of the one construct used', () => {
    expectOnlyUserPoolLoaded(built);
  });

  test('serves ESM named imports', () => {
    expectEsmNames(ROOT, built.eagerNames);
  });

  test('keeps source-mapped stack traces for the files it loads lazily', () => {
    expectMappedStack(ROOT);
  });
});

describe('the checks fail on a broken lib/index.js', () => {
  test('an export left out', () => {
    const pkg = brokenCopy('index.js', (index) => index.replace(/^.*"RouteAccessKind".*\n/gm, '').replace('exports.RouteAccessKind = void 0;\n', ''));
    expect(() => expectSameExports(probe(pkg, 'CognitoUserPoolAuth'))).toThrow();
  });

  test('a getter requiring the wrong file', () => {
    const pkg = brokenCopy('index.js', (index) => index.replace('lazy("CognitoUserPoolAuth", () => require("./cognito-user-pool-auth"))', 'lazy("CognitoUserPoolAuth", () => require("./federated-identity-pool"))'));
    const p = probe(pkg, 'CognitoUserPoolAuth');
    expect(() => expectSameExports(p)).toThrow();
    expect(() => expectOnlyUserPoolLoaded(p)).toThrow();
  });

  test('a file required eagerly', () => {
    const pkg = brokenCopy('index.js', (index) => `${index}require("./iam-authorized-api");\n`);
    expect(() => expectNothingLoadedByRequire(probe(pkg, 'CognitoUserPoolAuth'))).toThrow();
  });

  test('a lazily loaded file without its source map', () => {
    const pkg = brokenCopy('federated-identity-pool.js', (js) => js.replace(/^\/\/# sourceMappingURL=.*$/m, ''));
    expect(() => expectMappedStack(pkg)).toThrow();
  });

  test('names cjs-module-lexer cannot see', () => {
    const pkg = brokenCopy('index.js', (index) => index.replace(/^exports\.\w+ = void 0;\n/gm, ''));
    expect(() => expectEsmNames(pkg, probe(pkg, 'CognitoUserPoolAuth').eagerNames)).toThrow();
  });
});

describe('scripts/lazy-index.ts', () => {
  const tsc = (source: string) => ts.transpileModule(source, { compilerOptions: COMMONJS }).outputText;

  test('reads the re-exported files from tsc\'s output', () => {
    expect(reexportedFiles(tsc('export * from \'./a\';\nexport * from \'./b/c\';\n'))).toEqual(['./a', './b/c']);
  });

  test('refuses an index that does more than `export * from`', () => {
    expect(() => reexportedFiles(tsc('export * from \'./a\';\nexport const VERSION = 1;\n'))).toThrow(/may only `export \* from '\.\/x'`.*exports\.VERSION/);
    expect(() => reexportedFiles(tsc('export { A } from \'./a\';\n'))).toThrow(/may only/);
    expect(() => reexportedFiles('"use strict";\n')).toThrow(/__esModule/);
  });

  test('takes each class and enum location from the jsii assembly, interfaces aside', () => {
    const assembly = JSON.stringify({
      types: {
        'p.A': { kind: 'class', name: 'A', locationInModule: { filename: 'src/checks/a.ts' } },
        'p.E': { kind: 'enum', name: 'E', locationInModule: { filename: 'src/e.ts' } },
        'p.IA': { kind: 'interface', name: 'IA', locationInModule: { filename: 'src/checks/a.ts' } },
        'p.A.Nested': { kind: 'enum', name: 'Nested', namespace: 'A', locationInModule: { filename: 'src/checks/a.ts' } },
      },
    });
    expect([...assemblyLocations(assembly)]).toEqual([['A', './checks/a'], ['E', './e']]);
  });
});
