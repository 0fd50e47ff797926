/**
 * The build bundles the CLI and the worker thread with everything they import (scripts/bundle.mjs): the CLI the bin
 * runs and the script threads start on are those bundles, each one file that imports nothing but Node's built-ins
 * (and vega, loaded when charts render), with every module's import.meta.url pointing at its own file. Every other
 * test that runs the CLI or a study on threads runs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const cli = 'dist/src/cli/main.bundle.js';
const worker = 'dist/src/experiment/replication-worker.bundle.js';

function staticImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
}

describe('the bundles', () => {
  test('threads start on the worker bundle, which imports nothing but Node built-ins', async () => {
    const { threadScript } = (await import('../../dist/src/experiment/worker-pool.js')) as { threadScript: () => string };
    expect(threadScript().endsWith(`/${worker}`)).toBe(true);
    const imports = staticImports(worker);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
  });

  test('the CLI bundle imports Node built-ins only, and vega and vega-lite when it renders a chart', () => {
    const imports = staticImports(cli);
    expect(imports.length).toBeGreaterThan(0);
    // yargs's dependencies import the built-ins by their bare names.
    expect(imports.filter((specifier) => !specifier.startsWith('node:') && !['assert', 'fs', 'path', 'util', 'url'].includes(specifier))).toEqual([]);
    const dynamic = [...readFileSync(cli, 'utf8').matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(dynamic)].sort()).toEqual(['vega', 'vega-lite']);
  });

  test("each module's import.meta.url is its own file's: the only bare one is the bundler's require for built-ins", () => {
    for (const file of [cli, worker]) {
      const text = readFileSync(file, 'utf8');
      const bare = [...text.matchAll(/import\.meta\.url/g)].length;
      const rewritten = [...text.matchAll(/new URL\("[^"]+", import\.meta\.url\)\.href/g)].length;
      expect(rewritten, file).toBeGreaterThan(0);
      expect(bare - rewritten, file).toBe(1);
      expect(text, file).toContain('createRequire(import.meta.url)');
    }
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

  test('the bin runs the CLI bundle and no module of the build, and prints the version from package.json', () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    // A module resolution hook that names every file of the build the process loads.
    const hooks = 'export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes("/dist/")) process.stderr.write("loaded " + r.url + "\\n"); return r; }';
    const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${hooks}`)});`;
    const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${register}`, 'bin/clustersim.js', '--version'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(version);
    const loaded = run.stderr.split('\n').filter((line) => line.startsWith('loaded ')).map((line) => line.slice(line.indexOf('/dist/')));
    expect(loaded).toEqual(['/dist/src/cli/main.bundle.js']);
  });
});
