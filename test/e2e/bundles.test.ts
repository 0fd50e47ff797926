/**
 * The build bundles the CLI and the worker thread with everything they import (scripts/bundle.mjs) as CommonJS, each
 * with a V8 code cache beside it: the CLI the bin runs and the script threads run are those bundles, each one file
 * that requires nothing but Node's built-ins (and imports vega when charts render, and a plug-in module, through the
 * loader's `__import`), with every module's import.meta.url pointing at its own file. Every other test that runs the
 * CLI or a study on threads runs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileCodeCachedModule } from '../../dist/src/code-cached-module.js';

const cli = 'dist/src/cli/main.bundle.cjs';
const worker = 'dist/src/experiment/replication-worker.bundle.cjs';

/** What a bundle requires, but for what a library requires only on a path clustersim never takes (named here). */
function required(file: string): string[] {
  const never = [
    // sketches-js's toProto / fromProto (not installed, never called)
    'protobufjs/minimal',
  ];
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?<![\w$.`])require\("([^"]+)"\)/g)].map((m) => m[1]).filter((s) => !never.includes(s));
}

const builtIn = (specifier: string) => builtinModules.includes(specifier.replace(/^node:/, ''));

describe('the bundles', () => {
  test('threads start on the worker bundle\'s loader; the bundle requires nothing but Node built-ins', async () => {
    const { threadScript } = (await import('../../dist/src/experiment/worker-pool.js')) as { threadScript: () => string };
    expect(threadScript().endsWith('/dist/src/experiment/replication-worker-loader.js')).toBe(true);
    expect(readFileSync(threadScript(), 'utf8')).toContain('replication-worker.bundle.cjs');
    const requires = required(worker);
    expect(requires.length).toBeGreaterThan(0);
    expect(requires.filter((specifier) => !builtIn(specifier))).toEqual([]);
  });

  test('the CLI bundle requires Node built-ins only, and imports vega and vega-lite when it renders a chart', () => {
    const requires = required(cli);
    expect(requires.length).toBeGreaterThan(0);
    expect(requires.filter((specifier) => !builtIn(specifier))).toEqual([]);
    const dynamic = [...readFileSync(cli, 'utf8').matchAll(/\b__import\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(dynamic)].sort()).toEqual(['vega', 'vega-lite']);
    for (const file of [cli, worker]) expect(readFileSync(file, 'utf8'), file).not.toMatch(/\bimport\(/);
  });

  test("each module's import.meta.url is its own file's, relative to the bundle's URL", () => {
    for (const file of [cli, worker]) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('import.meta');
      expect([...text.matchAll(/new URL\("[^"]+", __bundleUrl\)\.href/g)].length, file).toBeGreaterThan(0);
    }
  });

  test('each bundle compiles with the code cache the build wrote for it', () => {
    for (const file of [cli, worker]) expect(compileCodeCachedModule(file).script.cachedDataRejected, file).toBe(false);
  });

  test('the bundles and the precompiled validator are ASCII, the characters beyond it written as escapes', () => {
    // V8 holds a source with one other character as two bytes a character: every start read and scanned twice the bytes.
    for (const file of [cli, worker, 'dist/src/scenario/scenario-validator.generated.cjs']) {
      const text = readFileSync(file, 'utf8');
      expect(text.length, file).toBeGreaterThan(100_000);
      expect(text.match(/[^\x00-\x7f]/g), file).toBeNull();
    }
    // The escaped units still read as themselves: the CLI (the bundle, with the precompiled validator) takes 'µs'.
    const folder = mkdtempSync(join(tmpdir(), 'clustersim-ascii-'));
    try {
      const file = join(folder, 'micro.yaml');
      writeFileSync(file, readFileSync('scenarios/web-tier.yaml', 'utf8').replace('mean: 1s', 'mean: 800µs'));
      const run = spawnSync(process.execPath, ['bin/clustersim.js', 'validate', file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      rmSync(folder, { recursive: true });
    }
  });

  test('the bin runs the CLI bundle through its loader and no other module of the build; it prints the version', () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    // A module resolution hook that names every file of the build the process loads as a module (the bundle is a
    // script the loader compiles, which no hook sees).
    const hooks = 'export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes("/dist/")) process.stderr.write("loaded " + r.url + "\\n"); return r; }';
    const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${hooks}`)});`;
    const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${register}`, 'bin/clustersim.js', '--version'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(version);
    const loaded = run.stderr.split('\n').filter((line) => line.startsWith('loaded ')).map((line) => line.slice(line.indexOf('/dist/')));
    expect(loaded).toEqual(['/dist/src/code-cached-module.js']);
  });
});
