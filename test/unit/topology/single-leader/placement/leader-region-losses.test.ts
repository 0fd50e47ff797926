/**
 * The single-leader active/active tier's outage figures (issue 14, leader-region-losses.ts) on
 * scenarios/region-placement.yaml's store (5 voters as 2 + 2 + 1 over us-east, eu-west and ap-south, a us-west
 * non-voter, heartbeats every 100 ms, election timeouts uniform on [500 ms, 1 s], regions 40 ms apart), us-east (the
 * leader's region) lost 5 s into a 15 s window for good, 20 replications.
 *
 * Theory (Raft, Ongaro and Ousterhout, "In Search of an Understandable Consensus Algorithm", section 5.2; bounds, not a
 * mean: split votes add whole rounds):
 * - RPO: a write is acknowledged once a majority of the voters (3 of 5) holds it; us-east holds 2 of them, so every
 *   acknowledged write is on at least one voter outside it, and the election restriction (5.4.1) makes the next
 *   leader one that holds every committed entry: 0 acknowledged writes lost, exactly.
 * - Election: no remaining voter stands before its timeout, at least 500 ms after the last message of the leader it
 *   received; the leader sent one at most 100 ms before the loss (a heartbeat) and it took 40 ms, so the last one
 *   arrived no earlier than 60 ms before the loss: the next leader comes at least 440 ms after the loss (measured
 *   here: 0.62 to 1.98 s, a few elections taking a second or third round after a split vote).
 * - The first write answered under the next leader comes after it (the replies the lost leader sent before its crash
 *   do not count).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import type { RegionsData } from '../../../../../src/topology/single-leader/placement/region-figures.js';
import { simulate } from '../../../../helpers/simulate.js';

const REPLICATIONS = 20;

function scenario(): string {
  return readFileSync(new URL('../../../../../scenarios/region-placement.yaml', import.meta.url), 'utf8')
    .replace(/^duration: 6min$/m, 'duration: 15s')
    .replace(/^warmup: 30s$/m, 'warmup: 5s')
    .replace(/^replications: 3$/m, `replications: ${REPLICATIONS}`)
    .replace(/at: \[3min\]/, 'at: [10s]')
    .replace(/duration: 1min/, 'duration: 1h');
}

describe('single-leader active/active: loss of the leader region', () => {
  const loaded = loadScenario(scenario(), { file: 'region-placement.yaml' });
  expect(loaded.errors).toEqual([]);
  const outcomes = simulate(loaded.spec!).outcomes;
  const losses = outcomes.flatMap((outcome) => (outcome.sections.regions as RegionsData).leaderRegionLosses ?? []);

  it('one loss of us-east per replication, none of an acknowledged write', () => {
    expect(losses.length).toBe(REPLICATIONS);
    for (const loss of losses) {
      expect(loss.region).toBe('us-east');
      expect(loss.writesLost).toBe(0);
    }
  });

  it('the next leader no sooner than the shortest election timeout after the last heartbeat (440 ms)', () => {
    for (const loss of losses) {
      expect(loss.election).not.toBeNull();
      expect(loss.election!).toBeGreaterThanOrEqual(0.44);
      expect(loss.rtoWrite!).toBeGreaterThanOrEqual(loss.election!);
    }
  });

  it('the nodes outside us-east: 4 of 6, over the 15 s window', () => {
    for (const outcome of outcomes) expect((outcome.sections.regions as RegionsData).secondRegionNodeHours).toBeCloseTo((4 * 15) / 3600, 12);
  });
});
