/**
 * A leaderless group can be autoscaled (issue 12: membership changes "by the autoscaler later"): the target-tracking
 * controller adds a ring node when the write rate jumps and removes it when the rate falls; each change streams its
 * token ranges (rebalance.ts). End to end through the built CLI: it exits 0 and the report holds both rebalances;
 * the node that left holds nothing and the others keep every key's three copies (with N = 3 on 3 nodes every node holds
 * every key: 7 520 writes expected over 500 keys miss a given key with probability e^-15, any of them with 1.5 x 10^-4,
 * so each node stores 500 x 1 KB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCENARIO = `name: leaderless-elastic
description: An autoscaled leaderless group.
seed: 4
duration: 30s
warmup: 2s
replications: 1
nodes:
  - { group: store, count: 3, cores: 1, bandwidth: 50MB/s }
network: { latency: 0.5ms }
topology: { kind: leaderless, replicas: 3, writeQuorum: quorum, readQuorum: quorum }
workload:
  - class: put
    op: write
    arrivals: { process: poisson, rate: { curve: [[0s, 100/s], [8s, 600/s], [18s, 60/s]], interpolate: step } }
    work: 1ms
    size: 1KB
    keys: { count: 500, popularity: uniform }
scaling:
  - group: store
    min: 3
    max: 6
    controller: target-tracking
    metric: utilization
    target: 50%
    syncPeriod: 2s
    stabilization: { up: 0s, down: 4s }
    provisioning: 1s
    drain: 5s
`;

const folder = mkdtempSync(join(tmpdir(), 'clustersim-elastic-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('an autoscaled leaderless store', () => {
  it('scales out and in, streaming the ranges each time, and the run exits 0', () => {
    const file = join(folder, 'elastic.yaml');
    writeFileSync(file, SCENARIO);
    const result = spawnSync(process.execPath, ['bin/clustersim.js', 'run', file, '--out', folder, '--quiet'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(folder, 'leaderless-elastic', 'summary.json'), 'utf8'));
    const rebalances = summary.leaderless.rebalances as { kind: string; node: string; replications: number; bytes: { value: number }; unfinished: number }[];
    expect(rebalances.map((r) => `${r.node} ${r.kind}`)).toEqual(['store-3 join', 'store-3 leave']);
    for (const r of rebalances) {
      expect(r.replications).toBe(1);
      expect(r.unfinished).toBe(0);
      expect(r.bytes.value).toBeGreaterThan(0);
    }
    expect(summary.scaling.actions.up.value).toBeGreaterThanOrEqual(1);
    expect(summary.scaling.actions.down.value).toBeGreaterThanOrEqual(1);
    const nodes = readFileSync(join(folder, 'leaderless-elastic', 'leaderless-nodes.csv'), 'utf8').trim().split('\n').slice(1);
    const storage = nodes.map((line) => Number(line.split(',')[3]));
    expect(storage).toEqual([500_000, 500_000, 500_000, 0]);
  });
});
