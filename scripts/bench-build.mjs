// One build of clustersim on the benchmark's model, for the scripts that compare builds (bench-ab.mjs: timed pairs
// in one process; bench-instructions.mjs: counted under valgrind; bench-alloc.mjs: its allocations sampled). The
// model is this checkout's (bench/model.ts); the build's own node table class fills it, so that the spec is made of
// the build's own objects. The checkout must be built (`npm run build`): the run imports its dist/.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const { benchScenario } = await import(new URL('../dist/bench/model.js', import.meta.url).href);

/** A function running one replication of the model on `checkout`'s build; it returns the run's event count. */
export async function loadBuild(checkout, nodes, policy, requests) {
  const at = (path) => import(pathToFileURL(resolve(checkout, 'dist/src', path)).href);
  const [{ runReplication }, { RandomStreams }, { NodeTable }] = await Promise.all([
    at('experiment/replication.js'),
    at('engine/rng.js'),
    at('model/node-table.js'),
  ]);
  return () => {
    const spec = benchScenario(nodes, policy, requests, NodeTable);
    return runReplication(spec, new RandomStreams(spec.seed), 0).events;
  };
}

/**
 * The inlining budget a checkout gives long work (src/experiment/compiler-budget.ts), as node options: a script that
 * runs a build in a process of its own puts them on its command line, so that the build runs with the compiler it
 * has in use (a run too short to ask for the budget would otherwise get the default one). None for a checkout from
 * before the budget.
 */
export function compilerFlags(checkout) {
  const file = resolve(checkout, 'dist/src/experiment/compiler-budget.js');
  if (!existsSync(file)) return [];
  const found = readFileSync(file, 'utf8').match(/inliningBudget = \[([^\]]*)\]/);
  return found === null ? [] : [...found[1].matchAll(/'(--[^']+)'/g)].map((m) => m[1]);
}

/**
 * A build-comparing script's command line: `option(name, fallback)` reads `--name value`, and `checkouts` are the
 * arguments that are neither an option nor its value.
 */
export function benchArguments(args) {
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const checkouts = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  return { option, checkouts };
}
