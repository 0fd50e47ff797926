/**
 * End to end through the library: scenarios/retry-storm.yaml collapses after a 30 s crash (throughput 0, every
 * request timing out) while every node stays up. Issue 16.4: the report must see it: an incident with cause
 * degraded, time availability below 100 %, the availability objective failing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../src/index.js';

describe('the collapse of scenarios/retry-storm.yaml', () => {
  it('is an incident with cause degraded (timeout), time availability falls below 100 % and the objective fails', async () => {
    const path = 'scenarios/retry-storm.yaml';
    const loaded = loadScenario(readFileSync(path, 'utf8'), { file: path });
    expect(loaded.errors).toEqual([]);
    const result = await runScenario(loaded.spec!, { source: loaded.source });
    const degraded = result.incidents.filter((i) => i.cause === 'degraded (timeout)');
    // One per replication: the storm starts after the crash at 5 min (4 min after the 1 min warm-up) and lasts
    // to the end of the 15 min window.
    expect(new Set(degraded.map((i) => i.replication)).size).toBe(loaded.spec!.run.replications);
    for (const incident of degraded) {
      expect(incident.start).toBeGreaterThanOrEqual(240);
      expect(incident.end).toBe(900);
    }
    const time = result.summary.availability.time.value!;
    expect(time).toBeLessThan(0.5);
    const objective = result.summary.reliability!.slo.find((c) => c.objective === 'availability.time');
    expect(objective?.verdict).toBe('fail');
  });
});
