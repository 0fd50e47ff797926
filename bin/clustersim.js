#!/usr/bin/env node
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The CLI bundled with all it imports (scripts/bundle.mjs, part of the build), compiled with the code cache the build
// made of it, starts in a third of the time; the modules themselves where there is no bundle, or only one older than
// them (the compiler ran without the bundling step).
const modules = new URL('../dist/src/cli/main.js', import.meta.url);
const bundle = new URL('../dist/src/cli/main.bundle.cjs', import.meta.url);
let fresh = false;
try {
  fresh = statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
} catch {
  // no bundle (or no build): the modules, and their own error if they are missing too
}
const { main } = fresh
  ? (await import('../dist/src/code-cached-module.js')).loadCodeCachedModule(fileURLToPath(bundle), (specifier) => import(specifier)).exports
  : await import(modules.href);

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
