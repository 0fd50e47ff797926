#!/usr/bin/env node
import { statSync } from 'node:fs';

// The CLI bundled with all it imports (scripts/bundle.mjs, part of the build) starts in half the time; the modules
// themselves where there is no bundle, or only one older than them (the compiler ran without the bundling step).
const modules = new URL('../dist/src/cli/main.js', import.meta.url);
const bundle = new URL('../dist/src/cli/main.bundle.js', import.meta.url);
let fresh = false;
try {
  fresh = statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
} catch {
  // no bundle (or no build): the modules, and their own error if they are missing too
}
const { main } = await import(fresh ? bundle.href : modules.href);

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
