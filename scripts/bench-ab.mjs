#!/usr/bin/env node
// Two builds of clustersim on the benchmark's model, alternating in one process (A B, B A, A B, ...), for a before /
// after comparison of a change: on this project's shared VM, separate processes of one build differ by up to a
// factor of two at N = 10 000, and pairs run back to back in one process differ far less. Prints each build's events
// per second, their medians and how many pairs each won.
//
//   node scripts/bench-ab.mjs <checkout A> <checkout B> [--nodes 10000] [--policy random] [--requests 2000000] [--pairs 10]
//
// Each checkout must be built (`npm run build`): the runs import its dist/.
import { benchArguments, loadBuild } from './bench-build.mjs';

const args = process.argv.slice(2);
const { option, checkouts } = benchArguments(args);
if (checkouts.length !== 2) {
  console.error('usage: node scripts/bench-ab.mjs <checkout A> <checkout B> [--nodes N] [--policy P] [--requests R] [--pairs K]');
  process.exit(2);
}
const nodes = Number(option('nodes', '10000'));
const policy = option('policy', 'random');
const requests = Number(option('requests', '2000000'));
const pairs = Number(option('pairs', '10'));

async function load(checkout) {
  const run = await loadBuild(checkout, nodes, policy, requests);
  return () => {
    const started = process.hrtime.bigint();
    const events = run();
    return events / (Number(process.hrtime.bigint() - started) / 1e9);
  };
}

const builds = [];
for (const [label, checkout] of [['A', checkouts[0]], ['B', checkouts[1]]]) builds.push({ label, checkout, run: await load(checkout), rates: [] });
let bWins = 0;
for (let pair = 0; pair < pairs; pair++) {
  for (const build of pair % 2 === 0 ? builds : [...builds].reverse()) build.rates.push(build.run());
  if (builds[1].rates[pair] > builds[0].rates[pair]) bWins++;
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(`N = ${nodes} ${policy}, ${requests} requests, ${pairs} pairs in one process (M events/s)`);
for (const build of builds) {
  console.log(`${build.label} ${build.checkout}: ${build.rates.map((r) => (r / 1e6).toFixed(2)).join(' ')}  median ${(median(build.rates) / 1e6).toFixed(2)}`);
}
const ratio = median(builds[1].rates) / median(builds[0].rates);
console.log(`B / A ${ratio.toFixed(3)}; B faster in ${bWins} of ${pairs} pairs`);
