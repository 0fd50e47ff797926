/**
 * End to end through the library: scenarios/leader-failover.yaml (a five-node quorum store whose leader crashes at
 * 30 s) lists its elections in the result, one per replication, for elections.csv and the report; and
 * scenarios/leader-partition.yaml (the same store, its leader partitioned away at 30 s) elects once per replication.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../src/index.js';
import { electionsOf } from '../helpers/sections.js';

describe('elections of scenarios/leader-failover.yaml', () => {
  it('lists one election per replication, after the crash, with its term, rounds and cause', async () => {
    const path = 'scenarios/leader-failover.yaml';
    const loaded = loadScenario(readFileSync(path, 'utf8'), { file: path });
    expect(loaded.errors).toEqual([]);
    const spec = loaded.spec!;
    const result = await runScenario(spec, { source: loaded.source });
    const elections = electionsOf(result)!;
    expect(elections).toBeDefined();
    const replications = spec.run.replications;
    expect(elections).toHaveLength(replications);
    expect(new Set(elections.map((e) => e.replication)).size).toBe(replications);
    for (const e of elections) {
      expect(e.cause).toMatch(/^[a-z-]+$/);
      expect(e.cause).toBe('leader-crash');
      expect(e.rounds).toBeGreaterThanOrEqual(1);
      // The crash is 30 s into the run, 25 s after the 5 s warm-up.
      expect(e.start).toBeCloseTo(25, 6);
      expect(e.end).toBeGreaterThan(e.start);
      expect(e.duration).toBeCloseTo(e.end - e.start, 12);
      expect(e.duration).toBeGreaterThan(0.1);
      expect(e.duration).toBeLessThan(1);
      expect(e.term).toBeGreaterThanOrEqual(2);
    }
    // The summary's count agrees with the list.
    expect(result.summary.elections?.count.value).toBe(elections.length / replications);
  });
});

describe('scenarios/leader-partition.yaml', () => {
  it('one election per replication, caused by the partition; no false election, no acknowledged write lost', async () => {
    const path = 'scenarios/leader-partition.yaml';
    const loaded = loadScenario(readFileSync(path, 'utf8'), { file: path });
    expect(loaded.errors).toEqual([]);
    const result = await runScenario(loaded.spec!, { source: loaded.source });
    const elections = electionsOf(result)!;
    expect(elections).toHaveLength(loaded.spec!.run.replications);
    for (const e of elections) {
      expect(e.cause).toBe('partition');
      // The partition is 30 s into the run, 25 s after the warm-up; the majority elects within the timeout range.
      expect(e.start).toBeCloseTo(25, 6);
      expect(e.duration).toBeGreaterThan(0.13);
      expect(e.duration).toBeLessThan(0.35);
      expect(e.term).toBe(2);
    }
    const summary = result.summary;
    expect(summary.elections!.falseElections.value).toBe(0);
    expect(summary.writes!.acknowledgedLost.value).toBe(0);
    expect(summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    expect(summary.requests.inFlight).toBe(0);
  });
});
