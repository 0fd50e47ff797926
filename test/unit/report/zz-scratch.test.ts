import { it } from 'vitest';
import { writeReport } from '../../../src/report/index.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { runScenario } from '../../../src/experiment/run.js';
const text = `
name: crash-demo
description: Four nodes that crash and get repaired.
seed: 3
duration: 20min
warmup: 1min
replications: 3
nodes:
  - group: web
    count: 4
    cores: 1
    speed: 1
    zone: a
network:
  latency: 1ms
balancer:
  policy: round-robin
workload:
  - class: api
    arrivals: { process: poisson, rate: 20/s }
    work: { dist: exponential, mean: 100ms }
    size: 0B
failures:
  - kind: crash
    nodes: web
    timeToFailure: { dist: exponential, mean: 5min }
    timeToRepair: { dist: exponential, mean: 40s }
detection: { heartbeat: 100ms, timeout: 500ms }
clients: { timeout: 1s, retries: 3, backoff: { base: 50ms, factor: 2, jitter: full } }
slo:
  minHealthy: 3
  p99: 500ms
  availability: 99.9%
`;
it('scratch', async () => {
  const loaded = loadScenario(text, { file: 'crash-demo.yaml' });
  if (!loaded.spec) throw new Error(JSON.stringify(loaded.errors, null, 1));
  const result = await runScenario(loaded.spec);
  await writeReport({ ...result, source: loaded.source }, '/tmp/report-helper-out');
});
