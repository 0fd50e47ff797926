#!/usr/bin/env node
// Bytes a build allocates per request on the benchmark's model, and where: V8's sampling heap profiler (through the
// inspector) counting the objects the young and old generation collectors freed as well, so that short-lived garbage
// shows. On the request path nothing should be allocated: a double that crosses a call the optimising compiler left
// out of line is boxed into a 16-byte heap number, and an iterator the compiler did not remove is one more object, so
// each site here is a call to look at. The figures are samples (one per --interval bytes on average), the sites are
// those of optimised code after inlining (an allocation in an inlined callee is reported at the function it was
// inlined into), and what the compiler inlines moves with the build and from one run of a build to the next (one
// build gave 27 and 50 bytes a request at N = 10 000): run it more than once, and compare builds by this, by time
// (scripts/bench-ab.mjs) and by instructions (scripts/bench-instructions.mjs).
//
//   node scripts/bench-alloc.mjs <checkout> [--nodes 10000] [--policy random] [--requests 3000000] [--interval 4096] [--top 12]
//
// The checkout must be built (`npm run build`): the run imports its dist/. It runs in a child process with the
// inlining budget the checkout gives long work (scripts/bench-build.mjs compilerFlags).
import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArguments, compilerFlags, loadBuild } from './bench-build.mjs';

const args = process.argv.slice(2);
const { option, checkouts } = benchArguments(args);
if (checkouts.length !== 1) {
  console.error('usage: node scripts/bench-alloc.mjs <checkout> [--nodes N] [--policy P] [--requests R] [--interval B] [--top K]');
  process.exit(2);
}
const checkout = resolve(checkouts[0]);
const nodes = Number(option('nodes', '10000'));
const policy = option('policy', 'random');
const requests = Number(option('requests', '3000000'));
const interval = Number(option('interval', '4096'));
const top = Number(option('top', '12'));

if (!args.includes('--child')) {
  const child = spawnSync(process.execPath, [...compilerFlags(checkout), fileURLToPath(import.meta.url), ...args, '--child'], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const run = await loadBuild(checkout, nodes, policy, requests);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: interval,
  includeObjectsCollectedByMinorGC: true,
  includeObjectsCollectedByMajorGC: true,
});
run();
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

/** A frame as `function file:line` (the file's last two path parts). */
const frame = (f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
const bySite = new Map();
let total = 0;
const walk = (node, callers) => {
  const stack = [frame(node.callFrame), ...callers];
  if (node.selfSize > 0) {
    const site = stack.slice(0, 3).join(' < ');
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  for (const child of node.children) walk(child, stack);
};
walk(profile.head, []);
console.log(`N = ${nodes} ${policy}, ${requests} requests: ${(total / requests).toFixed(1)} bytes allocated per request (sampled every ${interval} bytes)`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(bytes / requests).toFixed(2).padStart(9)}  ${site}`);
}
