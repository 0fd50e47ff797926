/**
 * The step and scheduled controllers (src/scaling/step.ts, scheduled.ts) over the fluid cluster of
 * test/helpers/fluid-cluster.ts: `work` node-seconds per second spread over the ready nodes, so a ready node reads a
 * utilisation of min(1, work / ready). Every expected sequence is worked by hand from the rules, in the test:
 * step scaling as AWS documents it (Application Auto Scaling, "Step scaling policies" and the StepAdjustment API
 * reference: a step holds the breach metric - threshold in [lower, upper) going up, (lower, upper] going down; the
 * cooldown squashes scale-outs to the largest and ignores scale-ins), scheduled actions as AWS scheduled scaling sets
 * min, max and desired capacity.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduledScalingSpec, StepScalingSpec } from '../../../src/model/spec.js';
import { scheduledScaling } from '../../../src/scaling/scheduled.js';
import { stepScaling } from '../../../src/scaling/step.js';
import { FluidCluster, lastPerInstant } from '../../helpers/fluid-cluster.js';

function step(overrides: Partial<StepScalingSpec> = {}): StepScalingSpec {
  return {
    group: 'web',
    min: 1,
    max: 10,
    controller: 'step',
    metric: 'utilization',
    syncPeriod: 60,
    metricsDelay: 0,
    evaluationPeriods: 2,
    cooldown: 120,
    up: { threshold: 0.7, steps: [{ lower: 0, upper: 0.2, change: 1 }, { lower: 0.2, upper: Infinity, change: 2 }] },
    down: { threshold: 0.3, steps: [{ lower: -Infinity, upper: 0, change: -1 }] },
    provisioning: { dist: 'constant', value: 0 },
    drain: Infinity,
    ...overrides,
  };
}

describe('step scaling', () => {
  it('two breaching datapoints to alarm, the step of the breach, scale-ins one cooldown apart', () => {
    // 2 nodes, 1.8 node-seconds per second: 0.9 each. 60 s: one breach of 0.7. 120 s: two, ALARM; breach 0.2 is in
    // the second step ([0.2, inf)): +2 -> 4 (cooldown to 240). 180 s: 0.45, no alarm. The work drops to 0.4 at
    // 200 s: 240 s reads (0.45 x 20 + 0.1 x 40) / 60 = 0.217 <= 0.3, one breach; 300 s: 0.1, ALARM, breach -0.2 in
    // (-inf, 0]: -1 -> 3 (cooldown to 420). 360 s: 0.4 / 3 = 0.133, still ALARM but cooling: ignored. 420 s: -1 ->
    // 2 (to 540). 480 s: 0.2, ignored. 540 s: -1 -> 1 = min. 600 s: 0.4 > 0.3, the alarm clears.
    const cluster = new FluidCluster(2, 1.8);
    stepScaling.install(step(), cluster.control(), 0);
    cluster.run(200);
    cluster.setWork(0.4);
    cluster.run(3600);
    expect(lastPerInstant(cluster.changes)).toEqual([
      [120, 4],
      [300, 3],
      [420, 2],
      [540, 1],
    ]);
  });

  it('a larger scale-out inside the cooldown adds only what goes beyond the first', () => {
    // One datapoint to alarm, cooldown 300 s, steps +1 for a breach in [0, 0.2), +3 from 0.2. 2 nodes at 1.5: 0.75,
    // breach 0.05: +1 -> 3 at 60 s (from 2; the cooldown's largest target is 3, to 360 s). The work jumps to 10 at
    // 61 s; 120 s reads the two nodes ready since the window began: (0.5 x 1 + 1 x 59) / 60 = 0.992, breach 0.29:
    // +3 from the cooldown's base 2 is 5, beyond 3 by 2: -> 5. 180 to 300 s: +3 from 2 is 5 again, nothing more.
    // 360 s: the cooldown is over: +3 -> 8.
    const cluster = new FluidCluster(2, 1.5);
    const spec = step({
      evaluationPeriods: 1,
      cooldown: 300,
      up: { threshold: 0.7, steps: [{ lower: 0, upper: 0.2, change: 1 }, { lower: 0.2, upper: Infinity, change: 3 }] },
    });
    stepScaling.install(spec, cluster.control(), 0);
    cluster.run(61);
    cluster.setWork(10);
    cluster.run(400);
    expect(lastPerInstant(cluster.changes)).toEqual([
      [60, 3],
      [120, 5],
      [360, 8],
    ]);
  });
});

describe('scheduled scaling', () => {
  it('a repeating day: the last action is in force at 0, then each action at its time, every day', () => {
    // From 5 nodes, min 1, max 20. The day's last action (20h: min 2, count 3) holds at 0: 3. 6h: min 4 lifts the
    // count to 4. 8h: count 10. 20h: min 2 and count 3. The next day repeats at 24h + 6h, 8h, 20h.
    const spec: ScheduledScalingSpec = {
      group: 'web',
      min: 1,
      max: 20,
      controller: 'scheduled',
      repeat: 86_400,
      actions: [{ at: 21_600, min: 4 }, { at: 28_800, count: 10 }, { at: 72_000, min: 2, count: 3 }],
      provisioning: { dist: 'constant', value: 0 },
      drain: Infinity,
    };
    const cluster = new FluidCluster(5, 1);
    scheduledScaling.install(spec, cluster.control(), 0);
    cluster.run(172_000);
    expect(lastPerInstant(cluster.changes)).toEqual([
      [0, 3],
      [21_600, 4],
      [28_800, 10],
      [72_000, 3],
      [108_000, 4],
      [115_200, 10],
      [158_400, 3],
    ]);
  });
});
