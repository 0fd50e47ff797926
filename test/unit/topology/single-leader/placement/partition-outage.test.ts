/**
 * A region cut off by a partition (issue 14, "Outages"): the primary's nodes, all in us-east, keep their Raft leader
 * among themselves, but neither the clients nor the standby reach it: no write succeeds, which is an outage as much
 * as the region's loss. The standby's health checks fail while the leader is cut off, so the failover runs as for a
 * crash: detection (2, 4] s (two checks 2 s apart from a uniform phase), promotion 5 s, a 10 s TTL. A partition that
 * cuts off one follower leaves the leader serving: no outage.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import type { RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';
import { simulate } from '../../../../helpers/simulate.js';
import { expectOneFailoverAt15s, standbyStoreScenario } from '../../../../helpers/standby-store.js';

function scenario(cut: string): string {
  return standbyStoreScenario({
    name: 'partition-outage',
    seed: 21,
    duration: '40s',
    replications: 3,
    writes: { rate: '100/s' },
    reads: false,
    failures: [`  - { kind: partition, nodes: '${cut}', at: [20s], duration: 200s }`],
  });
}

function outcomes(cut: string) {
  const loaded = loadScenario(scenario(cut), { file: 'partition-outage.yaml' });
  expect(loaded.errors).toEqual([]);
  return simulate(loaded.spec!).outcomes.map((o) => o.sections.recovery as RecoveryOutcome);
}

describe('a region cut off by a partition', () => {
  it('is an outage of the primary: the standby detects it, is promoted and serves', () => {
    for (const recovery of outcomes('region:us-east')) {
      // Cut 20 s into the run, 15 s into the window: the leader is out of the clients' reach from then.
      expectOneFailoverAt15s(recovery);
    }
  });

  it('one follower cut off is no outage: the leader keeps a majority and the clients', () => {
    for (const recovery of outcomes('store-2')) expect(recovery.outages).toEqual([]);
  });
});
