import { test } from 'vitest';
import { simulate } from './simulate.js';
import { singleNode, exponential, constant, runLength } from './scenarios.js';
test('probe', () => {
  for (const [w, seed] of [[exponential(1), 'a'], [exponential(1), 'b'], [constant(1), 'a'], [constant(1), 'b']] as const) {
    const s = simulate(singleNode({ seed, run: runLength(10, 1e6), rate: 0.5, work: w, discipline: 'ps' }));
    console.log(w.dist, s.seconds.toFixed(1), 'T', s.summary.responseTime.mean.value, s.summary.responseTime.mean.ci95, 'fifo-tol-ref');
  }
  for (const seed of ['a', 'b']) {
    const s = simulate(singleNode({ seed, run: runLength(10, 1e6), rate: 0.5, work: exponential(1) }));
    console.log('fifo', s.seconds.toFixed(1), 'T', s.summary.responseTime.mean.value, s.summary.responseTime.mean.ci95);
  }
});
