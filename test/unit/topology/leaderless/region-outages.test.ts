/**
 * The active/active outage tracker's rules (region-outages.ts) on hand-made versions, so that the RPO count is seen
 * to count: a key is lost when its newest version acknowledged at the loss is newer than every copy outside the lost
 * region when it returns; the RTO runs from the loss to its clients' first answer; detection to the suspicion of the
 * region's last node.
 */
import { describe, expect, it } from 'vitest';
import { RegionOutages } from '../../../../src/topology/leaderless/region-outages.js';

/** Nodes 0, 1 in region 0 (us-east), node 2 in region 1 (eu-west); 3 keys on 2 replicas: slot 0 node 0, slot 1 node 2. */
function tracker(committed: number[], held: number[][]) {
  return new RegionOutages(
    {
      keyCount: committed.length,
      replicas: 2,
      committed: (key) => committed[key],
      heldBy: (key, slot) => held[key][slot],
      replicaNode: (_key, slot) => (slot === 0 ? 0 : 2),
      regionOf: (node) => (node < 2 ? 0 : 1),
      nodeCount: () => 3,
    },
    ['us-east', 'eu-west'],
  );
}

describe('region outages', () => {
  it('counts the keys whose acknowledged version has no copy outside the region when it returns', () => {
    // key 0: acknowledged 2, eu-west holds 2 (kept); key 1: acknowledged 3, eu-west holds 1 (lost); key 2: never written.
    const committed = [2, 3, 0];
    const held = [[2, 2], [3, 1], [0, 0]];
    const outages = tracker(committed, held);
    outages.begin();
    outages.crashed(0, 10);
    outages.crashed(1, 10);
    committed[0] = 4; // a write after the loss is not the lost region's to lose
    outages.detector(0, true, 12);
    outages.detector(1, true, 12.5);
    outages.answered(1, 1, 12.625); // eu-west's clients: not the lost region's
    outages.answered(0, 1, 12.625);
    outages.answered(0, 0, 12.75);
    outages.failed(1);
    outages.restored(0);
    const [outage] = outages.toData();
    expect(outage).toEqual({ region: 'us-east', at: 10, detection: 2.5, rtoWrite: 2.625, rtoRead: 2.75, otherRegionsFailed: 1, writesLost: 1 });
  });

  it('a region with one node still up is not lost; an outage before the window is not counted', () => {
    const outages = tracker([1], [[1, 1]]);
    outages.crashed(0, 1); // before the window
    outages.crashed(1, 1);
    outages.begin();
    outages.restored(0);
    outages.restored(1);
    outages.crashed(0, 5);
    expect(outages.toData()).toEqual([]);
  });

  it('an outage still open at the window end closes there, with no answer yet: RTO absent, not 0', () => {
    const outages = tracker([1], [[1, 0]]);
    outages.begin();
    outages.crashed(0, 5);
    outages.crashed(1, 5);
    const [outage] = outages.toData();
    expect(outage.detection).toBeNull();
    expect(outage.rtoWrite).toBeNull();
    expect(outage.writesLost).toBe(1);
  });
});
