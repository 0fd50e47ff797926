import { test } from 'vitest';
import { simulate } from './simulate.js';
import { cluster, exponential } from './scenarios.js';
test('probe', () => {
  for (const N of [1e4, 1e5, 1e6]) {
    const s = simulate(cluster({ seed: 'p', run: { requests: N, warmupRequests: 2e5, warmup: 0, replications: 2 }, nodes: 1000, policy: 'random', rate: 500, work: exponential(1) }));
    console.log(N, 'thr', s.summary.throughput.value, 'T', s.summary.responseTime.mean.value, 'pw', s.summary.probWait.value);
  }
});
