import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCodeCachedModule, removeCodeCache, writeCodeCache } from '../../src/code-cached-module.js';

function moduleFile(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
  writeFileSync(join(dir, 'helper.cjs'), 'module.exports = 40;\n');
  const file = join(dir, 'validator.cjs');
  writeFileSync(file, source);
  return file;
}

describe('loadCodeCachedModule', () => {
  it('loads a CommonJS module as require does: its exports, its own require relative to it, __filename', () => {
    const file = moduleFile("module.exports = (x) => x + require('./helper.cjs'); module.exports.file = __filename;\n");
    const loaded = loadCodeCachedModule(file).exports as ((x: number) => number) & { file: string };
    expect(loaded(2)).toBe(42);
    expect(loaded.file).toBe(file);
  });

  it("hands the module the caller's import as __import, and its own URL as __bundleUrl", async () => {
    const file = moduleFile('module.exports = { url: __bundleUrl, load: (name) => __import(name) };\n');
    const asked: string[] = [];
    const loaded = loadCodeCachedModule(file, (specifier) => {
      asked.push(specifier);
      return Promise.resolve({ name: specifier });
    }).exports as { url: string; load: (name: string) => Promise<{ name: string }> };
    expect(loaded.url).toBe(pathToFileURL(file).href);
    await expect(loaded.load('vega')).resolves.toEqual({ name: 'vega' });
    expect(asked).toEqual(['vega']);
  });

  it('compiles with the cache written for this very source, and ignores it for another source of the same length', () => {
    const file = moduleFile('module.exports = function add(a, b) { return a + b; };\n');
    const first = loadCodeCachedModule(file);
    (first.exports as (a: number, b: number) => number)(1, 2);
    expect(first.script.cachedDataRejected).toBeUndefined(); // no cache yet: nothing offered to V8
    writeCodeCache(file, first);
    const cached = loadCodeCachedModule(file);
    expect(cached.script.cachedDataRejected).toBe(false);
    expect((cached.exports as (a: number, b: number) => number)(2, 3)).toBe(5);
    // Same length, other code: V8's own check would take the stale cache; the kept digest does not.
    writeFileSync(file, 'module.exports = function add(a, b) { return a * b; };\n');
    const changed = loadCodeCachedModule(file);
    expect(changed.script.cachedDataRejected).toBeUndefined();
    expect((changed.exports as (a: number, b: number) => number)(2, 3)).toBe(6);
    removeCodeCache(file);
    expect(loadCodeCachedModule(file).script.cachedDataRejected).toBeUndefined();
  });
});
