/**
 * A topology is one folder plus one registry line (issue 11, part 2): the test-only echo cluster
 * (test/fixtures/topologies/echo/, every node answers at once after `delay`) is registered from this test, loads from
 * a scenario file with its own schema fragment and resolver, runs through runScenario on the shared runtime, and
 * gets its own report section (summary.json key, file, summary.md and report.html parts), with no file outside its
 * folder changed. Expected values: constant delay and round-robin over 4 nodes, so every response takes exactly
 * the delay and each node answers a quarter of the measured requests.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue, loadScenario, runScenario, writeReport } from '../../src/index.js';
import { registerTopology, unregisterTopology } from '../../src/topology/registry.js';
import { echoTopology } from '../fixtures/topologies/echo/definition.js';

const scenario = `
name: echo-demo
seed: 3
requests: 4000
warmupRequests: 400
replications: 2
nodes:
  - { group: e, count: 4 }
topology: { kind: echo, delay: 2ms }
workload:
  - class: ping
    arrivals: { process: poisson, rate: 100/s }
    work: { dist: exponential, mean: 1s }
`;

describe('a topology registered from outside src/: the echo cluster', () => {
  beforeAll(() => registerTopology(echoTopology));
  afterAll(() => unregisterTopology('echo'));

  it('is refused, with did-you-mean, before it is registered, and accepted after', () => {
    unregisterTopology('echo');
    const before = loadScenario(scenario, { file: 'echo.yaml' });
    expect(before.errors.map(formatIssue).join('\n')).toMatch(/echo/);
    expect(before.spec).toBeUndefined();
    registerTopology(echoTopology);
    const after = loadScenario(scenario, { file: 'echo.yaml' });
    expect(after.errors.map(formatIssue)).toEqual([]);
    expect(after.spec?.topology).toEqual({ kind: 'echo', delay: 0.002 });
  });

  it('checks its own keys with positions, like any topology', () => {
    const bad = loadScenario(scenario.replace('delay: 2ms', 'delay: 2GB'), { file: 'echo.yaml' });
    expect(bad.spec).toBeUndefined();
    expect(bad.errors.map(formatIssue).join('\n')).toContain('topology.delay');
  });

  it('runs on the shared runtime and writes its own section', async () => {
    const { spec, errors } = loadScenario(scenario, { file: 'echo.yaml' });
    expect(errors.map(formatIssue)).toEqual([]);
    const result = await runScenario(spec!);
    const summary = result.summary as typeof result.summary & { echo: { answeredPerNode: { value: number } } };
    // Every reply comes exactly 2 ms after its arrival; nothing fails; nothing is served on a station.
    expect(summary.responseTime.mean.value).toBeCloseTo(0.002, 12);
    expect(summary.responseTime.max.value).toBeLessThanOrEqual(0.002 * (1 + summary.percentileRelativeError));
    expect(summary.requests.failed).toBe(0);
    expect(summary.utilization.value).toBe(0);
    // Round-robin over 4 nodes: 4000 measured requests per replication, a quarter each.
    expect(summary.echo.answeredPerNode.value).toBe(1000);
    const out = await mkdtemp(join(tmpdir(), 'clustersim-echo-'));
    try {
      const dir = await writeReport(result, out);
      const files = await readdir(dir);
      expect(files).toContain('echoes.csv');
      expect(await readFile(join(dir, 'echoes.csv'), 'utf8')).toBe('node,answered\n0,1000\n1,1000\n2,1000\n3,1000\n');
      expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('## Echoes\n\nAnswered per node: 1000');
      expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<section id="echoes">');
      expect(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')).echo.answeredPerNode.value).toBe(1000);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
