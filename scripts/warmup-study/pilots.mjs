// Pilot series for the MSER-5 study: per seed, P pilots of L seconds from empty on the auto-warmup pilot streams,
// 2 s intervals; writes completions and response sums per interval as JSON.
import { loadScenario, runReplication, replicationStreams } from '../../dist/src/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
const [seed, P, L] = [process.argv[2], +process.argv[3], +process.argv[4]];
const OUT = process.env.OUT ?? '/tmp/warmup-study';
mkdirSync(OUT, { recursive: true });
const yaml = ['name: mm1', `seed: ${seed}`, 'duration: 1000s', 'nodes:', '  - group: web', 'workload:', '  - class: api',
  '    arrivals: { process: poisson, rate: 0.95/s }', '    work: { dist: exponential, mean: 1s }', ''].join('\n');
const r = loadScenario(yaml, { file: 'mm1.yaml' });
if (r.errors.length) { console.error(r.errors); process.exit(1); }
const spec = { ...r.spec, run: { warmup: 0, replications: 1, duration: L, interval: 2 } };
const out = [];
const t0 = performance.now();
for (let p = 0; p < P; p++) {
  const o = runReplication(spec, replicationStreams(`${r.spec.seed}/warmup-pilot`, p), p, {});
  const s = o.measurement.series;
  out.push({ c: Array.from(s.completions), r: Array.from(s.responseSum) });
}
writeFileSync(`${OUT}/pilots-${seed}-${P}-${L}.json`, JSON.stringify(out));
console.log(seed, P, L, ((performance.now() - t0) / 1000).toFixed(1), 's');
