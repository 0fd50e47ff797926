import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/** Where the compiled code of a CommonJS module is kept next to it (see `loadCodeCachedModule`). */
export function codeCachePath(file: string): string {
  return `${file}.v8-cache`;
}

/** The source's digest the cache was made from, which the cache must match to be used. */
function sourceDigestPath(file: string): string {
  return `${codeCachePath(file)}.sha256`;
}

/** The SHA-256 of the file's bytes (a string's, as UTF-8: the same bytes, so the same digest). */
function digest(source: string | Buffer): string {
  return createHash('sha256').update(source).digest('hex');
}

/** The code cache made from this very source, if there is one. */
function cacheFor(file: string, source: Buffer): Buffer | undefined {
  const cacheFile = codeCachePath(file);
  const digestFile = sourceDigestPath(file);
  if (!existsSync(cacheFile) || !existsSync(digestFile)) return undefined;
  return readFileSync(digestFile, 'utf8') === digest(source) ? readFileSync(cacheFile) : undefined;
}

/**
 * What a module loaded here calls for `import()`: a script compiled by `vm` has no module loader of its own, so a
 * bundle's dynamic imports (vega when a chart renders, a plug-in policy) are written as calls to `__import`, the
 * caller's own `import` (scripts/bundle.mjs).
 */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** A CommonJS module compiled by `compileCodeCachedModule`: its script (to run, or to write its code cache) and source. */
export interface CompiledModule {
  script: Script;
  source: string;
}

/** A CommonJS module loaded with `loadCodeCachedModule`, and the script that compiled it (to write its code cache). */
export interface CodeCachedModule extends CompiledModule {
  exports: unknown;
}

/**
 * Compiles the CommonJS module at `file` in `require`'s wrapper, with `__import` and `__bundleUrl` (its file's URL, what
 * a bundle's modules find their neighbours from), and with its code cache if it has one.
 */
export function compileCodeCachedModule(file: string): CompiledModule {
  const bytes = readFileSync(file);
  // The bundles and the validator are ASCII (scripts/bundle.mjs, scripts/build-validator.mjs), which reads as Latin-1
  // to the same string, and several times faster than decoding it as UTF-8 (40 ms of every start for the two).
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __import, __bundleUrl) {${source}\n})`, {
    filename: file,
    cachedData: cacheFor(file, bytes),
  });
  return { script, source };
}

/**
 * Loads the CommonJS module at `file` as `require` would (same wrapper, its own `require`), compiling it with the
 * V8 code cache the build wrote next to it when there is one: the scenario validator (three megabytes of generated
 * code: compiling it and the functions a first check runs took about 330 ms of every command's start, 150 with the
 * cache), the CLI and the worker thread's bundles. The cache is used only with the source it was made from (its
 * SHA-256 is kept beside it: V8's own check compares lengths only), and V8 refuses one made by another V8 version or
 * with other flags, and then compiles the source as usual: a stale or foreign cache costs time, never correctness.
 * `importModule` is what the module's `__import` calls.
 */
export function loadCodeCachedModule(file: string, importModule?: ImportModule): CodeCachedModule {
  const compiled = compileCodeCachedModule(file);
  const module = { exports: {} as unknown };
  const wrapper = compiled.script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file), importModule, pathToFileURL(file).href);
  return { ...compiled, exports: module.exports };
}

/**
 * Writes the code cache of a module compiled here: after the caller ran what a command runs, V8 includes the
 * functions compiled since, not only the module's top level.
 */
export function writeCodeCache(file: string, module: CompiledModule): void {
  writeFileSync(codeCachePath(file), module.script.createCachedData());
  writeFileSync(sourceDigestPath(file), digest(module.source));
}

/** Removes the code cache of `file`, so that a new source is compiled from scratch. */
export function removeCodeCache(file: string): void {
  rmSync(codeCachePath(file), { force: true });
  rmSync(sourceDigestPath(file), { force: true });
}
