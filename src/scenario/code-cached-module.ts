import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Where the compiled code of a CommonJS module is kept next to it (see `loadCodeCachedModule`). */
export function codeCachePath(file: string): string {
  return `${file}.v8-cache`;
}

/** The source's digest the cache was made from, which the cache must match to be used. */
function sourceDigestPath(file: string): string {
  return `${codeCachePath(file)}.sha256`;
}

function digest(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** The code cache made from this very source, if there is one. */
function cacheFor(file: string, source: string): Buffer | undefined {
  const cacheFile = codeCachePath(file);
  const digestFile = sourceDigestPath(file);
  if (!existsSync(cacheFile) || !existsSync(digestFile)) return undefined;
  return readFileSync(digestFile, 'utf8') === digest(source) ? readFileSync(cacheFile) : undefined;
}

/** A CommonJS module loaded with `loadCodeCachedModule`, and the script that compiled it (to write its code cache). */
export interface CodeCachedModule {
  exports: unknown;
  script: Script;
  source: string;
}

/**
 * Loads the CommonJS module at `file` as `require` would (same wrapper, its own `require`), compiling it with the
 * V8 code cache the build wrote next to it when there is one. The scenario validator is three megabytes of generated
 * code: compiling it and the functions a first check runs took about 330 ms of every command's start, 150 with the
 * cache. The cache is used only with the source it was made from (its SHA-256 is kept beside it: V8's own check
 * compares lengths only), and V8 refuses one made by another V8 version or with other flags, and then compiles the
 * source as usual: a stale or foreign cache costs time, never correctness.
 */
export function loadCodeCachedModule(file: string): CodeCachedModule {
  const source = readFileSync(file, 'utf8');
  const cachedData = cacheFor(file, source);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, source };
}

/**
 * Writes the code cache of a module loaded with `loadCodeCachedModule`, after the caller ran what a command runs
 * (V8 then includes the functions compiled since, not only the module's top level).
 */
export function writeCodeCache(file: string, module: CodeCachedModule): void {
  writeFileSync(codeCachePath(file), module.script.createCachedData());
  writeFileSync(sourceDigestPath(file), digest(module.source));
}

/** Removes the code cache of `file`, so that a new source is compiled from scratch. */
export function removeCodeCache(file: string): void {
  rmSync(codeCachePath(file), { force: true });
  rmSync(sourceDigestPath(file), { force: true });
}
