// Bundles each entry point of the built CLI with everything it imports, the libraries included, into one module
// next to it (part of the build, after tsc):
//
//   dist/src/cli/main.bundle.js                     what bin/clustersim.js runs: a command starts in about 0.35 s
//                                                   instead of 0.75 s (it read 641 ES modules, 376 of them
//                                                   clustersim's, most of the rest typebox's and yaml's, and
//                                                   ajv's CommonJS files)
//   dist/src/experiment/replication-worker.bundle.js  what worker threads start on (src/experiment/worker-pool.ts):
//                                                   ready for a first replication in 0.12-0.17 s instead of 0.45 s
//                                                   (450 ES modules, 200 of them typebox's)
//
// vega and vega-lite stay outside: only a report's charts load them, when they render. Each module's
// `import.meta.url` is rewritten to the URL its own file has, relative to the bundle, so that what a module finds
// next to itself (the precompiled validator, the worker script, yargs's locales) it still finds. Each user of a bundle
// falls back to the modules where the bundle is missing or older than them (the compiler ran without this step).
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entries = ['dist/src/cli/main.js', 'dist/src/experiment/replication-worker.js'];

/** Each bundled module's import.meta.url as the URL of its own file, relative to the bundle's. */
function ownModuleUrls(bundleFile) {
  return {
    name: 'own-module-urls',
    transform(code, id) {
      if (!code.includes('import.meta.url') || !id.startsWith(root + sep)) return null;
      const path = relative(dirname(bundleFile), id).split(sep).join('/');
      const url = `new URL(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)}, import.meta.url).href`;
      return { code: code.replaceAll('import.meta.url', url), map: null };
    },
  };
}

for (const entry of entries) {
  const input = join(root, entry);
  const output = input.replace(/\.js$/, '.bundle.js');
  const bundle = await rolldown({
    input,
    platform: 'node',
    // sketches-js requires protobufjs only in its toProto / fromProto, which clustersim never calls, and it is not
    // installed: left as the library's own lazy require.
    external: ['protobufjs/minimal', 'vega', 'vega-lite'],
    plugins: [ownModuleUrls(output)],
    logLevel: 'warn',
  });
  // ASCII only (other characters as escapes, and no doc comments, where they were the rest): V8 holds a source with
  // any other character as two bytes a character, and every start read, decoded and scanned twice the bytes.
  await bundle.write({
    file: output,
    format: 'esm',
    codeSplitting: false,
    charset: 'ascii',
    comments: { legal: true, annotation: true, jsdoc: false },
  });
  await bundle.close();
  if (statSync(output).mtimeMs < statSync(input).mtimeMs) throw new Error(`bundle: ${output} was not written`);
}
