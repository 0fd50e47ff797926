import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodeCachedModule, removeCodeCache, writeCodeCache } from '../../../src/scenario/code-cached-module.js';

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
