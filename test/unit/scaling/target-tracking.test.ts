/**
 * The target-tracking controller (src/scaling/target-tracking.ts) over a fluid cluster: `work` node-seconds of work
 * arrive per second and spread evenly over the ready nodes, so a ready node is busy min(1, work / ready) of the time
 * (one core each). Everything is deterministic, so the expected counts are written from the HPA algorithm (see
 * hpa.test.ts for its sources) by hand.
 */
import { describe, expect, it } from 'vitest';
import type { TargetTrackingSpec } from '../../../src/model/spec.js';
import { DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP } from '../../../src/scaling/hpa.js';
import { targetTracking } from '../../../src/scaling/target-tracking.js';
import { FluidCluster, lastPerInstant } from '../../helpers/fluid-cluster.js';

function spec(overrides: Partial<TargetTrackingSpec> = {}): TargetTrackingSpec {
  return {
    group: 'web',
    min: 1,
    max: 100,
    controller: 'target-tracking',
    metric: 'utilization',
    target: 0.6,
    tolerance: 0.1,
    syncPeriod: 15,
    window: 15,
    metricsDelay: 0,
    up: DEFAULT_SCALE_UP,
    down: DEFAULT_SCALE_DOWN,
    provisioning: { dist: 'constant', value: 0 },
    drain: Infinity,
    ...overrides,
  };
}

describe('target-tracking over a fluid cluster', () => {
  it('9 nodes of work at a 60 % target: from 2 nodes 2 -> 4 -> 7 -> 12 -> 15, then stays', () => {
    // Saturated nodes read utilisation 1 (ratio 1/0.6): sync at 15 s asks ceil(2 x 5/3) = 4 (limit 6); at 30 s
    // ceil(4 x 5/3) = 7 (limit 8): 7; at 45 s ceil(7 x 5/3) = 12 (limit max(14, 11)) ... 9 nodes' work saturates
    // up to 9 nodes; written out: 2 -> 4 (15 s) -> 7 (30 s) -> 12 (45 s) -> 15 (60 s: 12 nodes at 0.75, ratio 1.25,
    // ceil(15) = 15), then |1 - 0.6/0.6| = 0: stays 15.
    const cluster = new FluidCluster(2, 9);
    targetTracking.install(spec(), cluster.control(), 0);
    cluster.run(3600);
    expect(lastPerInstant(cluster.changes)).toEqual([
      [15, 4],
      [30, 7],
      [45, 12],
      [60, 15],
    ]);
    expect(cluster.count()).toBe(15);
  });

  it('from 30 nodes: the first recommendation is already 15, so the down window holds nothing higher: 30 -> 15 at 15 s', () => {
    // 30 nodes at 9/30 = 0.3: ratio 0.5, desired ceil(30 x 0.5) = 15. The stabilization takes the highest
    // recommendation of the last 300 s, and the only one is this 15 (the starting count was never recommended);
    // 100 % per 15 s allows the whole step.
    const cluster = new FluidCluster(30, 9);
    targetTracking.install(spec(), cluster.control(), 0);
    cluster.run(3600);
    expect(lastPerInstant(cluster.changes)).toEqual([[15, 15]]);
  });

  it('a load that halves after 10 min waits out the 300 s window before scaling down', () => {
    // 18 nodes of work, start at 30: settles at ceil(30 x (18/30) / 0.6) = 30, inside the tolerance: no change.
    // Then the fluid load drops to 9 at 600 s: the syncs from 615 s recommend 15, but the 30 recommended at 600 s
    // counts while it is after the cutoff now - 300 (horizontal.go: timestamp.After(cutoff)), up to 885 s; at
    // 900 s the cutoff is 600 itself, so that sync sets 15.
    const cluster = new FluidCluster(30, 18);
    targetTracking.install(spec(), cluster.control(), 0);
    cluster.run(600);
    cluster.setWork(9);
    cluster.run(3600);
    expect(lastPerInstant(cluster.changes)).toEqual([[900, 15]]);
  });

  it('with 60 s provisioning, nodes not ready count as using 0: no overshoot from the same saturated reading', () => {
    // 15 s: 2 saturated nodes, desired 4 (limit 6): 2 requested. 30, 45, 60 s: 2 ready at ratio 5/3, 2 unready
    // counted as 0: new ratio 5/3 x 2/4 = 0.83 < 1, the direction flipped: keep 4. 75 s: the two are up since 75 s;
    // the window [60, 75) has samples of the first two only (ratio 5/3, saturated), applied to the 4 ready nodes:
    // ceil(4 x 5/3) = 7 (limit 8). Kubernetes would still treat the fresh nodes as unready for its CPU
    // initialization period (docs/scaling.md lists this simplification).
    const cluster = new FluidCluster(2, 9);
    targetTracking.install(spec({ provisioning: { dist: 'constant', value: 60 } }), cluster.control(), 0);
    cluster.run(100);
    expect(lastPerInstant(cluster.changes)).toEqual([
      [15, 4],
      [75, 7],
    ]);
  });

  it('metric rate: 50 arrivals/s at 5/s per node from 2 nodes: 2 -> 6 (the policies\' limit) -> 10, then stays', () => {
    // 15 s: 50 / 2 = 25 per ready node, ratio 5, desired ceil(2 x 5) = 10, limited to max(2 x 2, 2 + 4) = 6. 30 s:
    // 50 / 6 per node, ratio 1.67, desired ceil(6 x 1.67) = 10 (the 15 s event is not after the cutoff 30 - 15,
    // so the period starts at 6: limit 12). 45 s: 50 / 10 = 5, ratio 1: stays.
    const cluster = new FluidCluster(2, 0);
    cluster.arrivalRate = 50;
    targetTracking.install(spec({ metric: 'rate', target: 5 }), cluster.control(), 0);
    cluster.run(600);
    expect(lastPerInstant(cluster.changes)).toEqual([
      [15, 6],
      [30, 10],
    ]);
  });

  it('metric p99: replies at 0.5 s against a 200 ms target from 2 nodes: 2 -> 5, then replies at 200 ms hold it', () => {
    // The window [0, 15) sees 100 replies of 0.5 s: p99 0.5 s (to the sketch's 0.2 %), ratio 2.5, desired
    // ceil(2 x 2.5) = 5 (limit 6). [15, 30) sees replies of 200 ms: ratio 1 (within 0.2 %, inside the tolerance):
    // stays 5; [30, 45) sees none: no reading, no change.
    const cluster = new FluidCluster(2, 0);
    targetTracking.install(spec({ metric: 'p99', target: 0.2 }), cluster.control(), 0);
    cluster.run(5);
    cluster.reply(100, 0.5);
    cluster.run(20);
    cluster.reply(100, 0.2);
    cluster.run(600);
    expect(lastPerInstant(cluster.changes)).toEqual([[15, 5]]);
  });
});
