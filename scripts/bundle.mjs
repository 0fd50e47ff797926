// Bundles each entry point of the built CLI with everything it imports, the libraries included, into one CommonJS
// module next to it (part of the build, after tsc and the validator), and writes each bundle's V8 code cache:
//
//   dist/src/cli/main.bundle.cjs                     what bin/clustersim.js runs: `--version` in about 0.27 s
//                                                   (0.35 s as an ES module bundle, which Node 20 compiles from
//                                                   source every time; 0.75 s as the 641 ES modules it imports)
//   dist/src/experiment/replication-worker.bundle.cjs  what worker threads run (src/experiment/worker-pool.ts,
//                                                   through replication-worker-loader.js)
//
// Both are loaded by src/code-cached-module.ts: a CommonJS script compiled with `vm` can take a code cache, which
// an ES module cannot before Node 22. The CLI's cache is made after it ran `clustersim validate` on a bundled
// scenario, so that it holds the functions every command's start runs; the worker's right after compiling it.
//
// vega and vega-lite stay outside: only a report's charts load them, when they render. A script compiled with `vm`
// has no `import()` of its own: clustersim's dynamic imports of what is not bundled (vega, a plug-in module) are
// rewritten as calls to `__import`, the loader's own `import`, and a bundle with any other `import(` left in it
// fails the build. Each module's `import.meta.url` is rewritten to the URL its own file has, relative to the
// bundle's (`__bundleUrl`, which the loader passes in), so that what a module finds next to itself (the precompiled
// validator, the worker loader, yargs's locales) it still finds. Each user of a bundle falls back to the modules where
// the bundle is missing or older than them (the compiler ran without this step).
//
// The output is ASCII (other characters as escapes, and no doc comments, where they were the rest): V8 holds a
// source with any other character as two bytes a character, and every start read and scanned twice the bytes.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { compileCodeCachedModule, removeCodeCache, writeCodeCache } from '../dist/src/code-cached-module.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cliEntry = 'dist/src/cli/main.js';
const workerEntry = 'dist/src/experiment/replication-worker.js';
const ownModules = join(root, 'dist', 'src') + sep;

/** The rewrites that let a module run inside a CommonJS bundle (see the top of this file). */
function commonJsModules(bundleFile) {
  return {
    name: 'common-js-modules',
    transform(code, id) {
      if (!id.startsWith(root + sep)) return null;
      let rewritten = code;
      if (code.includes('import.meta.url')) {
        const path = relative(dirname(bundleFile), id).split(sep).join('/');
        const own = `new URL(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)}, __bundleUrl).href`;
        rewritten = rewritten.replaceAll('import.meta.url', own);
      }
      // yargs resolves a configuration's `extends` with it; `require.resolve` is its CommonJS counterpart.
      rewritten = rewritten.replaceAll('import.meta.resolve(', 'require.resolve(');
      // clustersim's own dynamic imports of what is not bundled; relative ones are its modules, which are.
      if (id.startsWith(ownModules)) rewritten = rewritten.replace(/\bimport\((?!\s*['"]\.)/g, '__import(');
      return rewritten === code ? null : { code: rewritten, map: null };
    },
  };
}

async function bundle(entry) {
  const input = join(root, entry);
  const output = input.replace(/\.js$/, '.bundle.cjs');
  removeCodeCache(output);
  // The ES module bundles of earlier builds: nothing loads them any more.
  rmSync(input.replace(/\.js$/, '.bundle.js'), { force: true });
  const built = await rolldown({
    input,
    platform: 'node',
    // sketches-js requires protobufjs only in its toProto / fromProto, which clustersim never calls, and it is not
    // installed: left as the library's own lazy require.
    external: ['protobufjs/minimal', 'vega', 'vega-lite'],
    plugins: [commonJsModules(output)],
    logLevel: 'warn',
  });
  await built.write({
    file: output,
    format: 'cjs',
    codeSplitting: false,
    charset: 'ascii',
    comments: { legal: true, annotation: true, jsdoc: false },
  });
  await built.close();
  if (statSync(output).mtimeMs < statSync(input).mtimeMs) throw new Error(`bundle: ${output} was not written`);
  const left = readFileSync(output, 'utf8').match(/\bimport\(/g);
  if (left !== null) throw new Error(`bundle: ${output} has ${left.length} import( left, which a vm script cannot run`);
  return output;
}

const cli = await bundle(cliEntry);
const worker = await bundle(workerEntry);

// The CLI's cache, after a `validate` in a process of its own (stdout and stderr unread: its output is not the point).
const warm = `
import { loadCodeCachedModule, writeCodeCache } from ${JSON.stringify(pathToFileURL(join(root, 'dist/src/code-cached-module.js')).href)};
const loaded = loadCodeCachedModule(${JSON.stringify(cli)}, (specifier) => import(specifier));
const code = await loaded.exports.main(['validate', ${JSON.stringify(join(root, 'scenarios/web-tier.yaml'))}]);
if (code !== 0) throw new Error('validate exited with ' + code);
writeCodeCache(${JSON.stringify(cli)}, loaded);
`;
const warming = spawnSync(process.execPath, ['--input-type=module', '-e', warm], { cwd: root, encoding: 'utf8' });
if (warming.status !== 0) throw new Error(`bundle: could not make the CLI's code cache: ${warming.stderr}`);
// The worker's: it runs only on a worker thread, so its cache holds what compiling it made.
writeCodeCache(worker, compileCodeCachedModule(worker));
