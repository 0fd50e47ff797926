/**
 * The HPA arithmetic (src/scaling/hpa.ts) against sequences written out by hand from the algorithm of
 * kubernetes/kubernetes pkg/controller/podautoscaler (replica_calculator.go GetResourceReplicas: desired =
 * ceil(ready x metric / target), no change while |1 - metric / target| <= tolerance; horizontal.go
 * normalizeDesiredReplicasWithBehaviors: stabilization window, then the scaling policies with selectPolicy, then
 * min and max) and the defaults of the HPA documentation (kubernetes.io, "Horizontal Pod Autoscaling",
 * "Default Behavior": up: no stabilization, max(100 % per 15 s, 4 pods per 15 s); down: 300 s stabilization, 100 %
 * per 15 s). Nodes are ready the moment they are requested here, and a sync happens every 15 s.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP, HpaBehavior, replicaCount, type ScalingRules } from '../../../src/scaling/hpa.js';

/** Counts at each sync, from `start`, for a metric ratio that depends on the count (the load held constant). */
function run(start: number, ratioAt: (nodes: number) => number, syncs: number, up = DEFAULT_SCALE_UP, down = DEFAULT_SCALE_DOWN, min = 1, max = 100) {
  const behavior = new HpaBehavior(up, down, min, max);
  const counts = [start];
  let current = start;
  for (let i = 1; i <= syncs; i++) {
    const desired = replicaCount(current, current, 0, ratioAt(current), 0.1);
    current = behavior.decide(15 * i, current, desired);
    counts.push(current);
  }
  return counts;
}

describe('HPA replica calculation (replica_calculator.go)', () => {
  it('9 nodes of work at a 60 % utilisation target settles in the tolerance band {14, 15, 16} from any start', () => {
    // Utilisation on n nodes is min(1, 9 / n). Outside the band the calculator asks ceil(n x (9/n) / 0.6) = 15; inside
    // it (|1 - 15/n| <= 0.1, n in [13.6, 16.7]) it keeps n. Scale-down waits out the 300 s window (20 syncs).
    const utilisation = (n: number) => Math.min(1, 9 / n) / 0.6;
    for (const start of [1, 2, 5, 9, 13, 14, 15, 16, 17, 20, 30, 60]) {
      const counts = run(start, utilisation, 60);
      const settled = counts[counts.length - 1];
      expect([14, 15, 16]).toContain(settled);
      if (start >= 14 && start <= 16) expect(new Set(counts)).toEqual(new Set([start]));
    }
  });

  it('from 2 nodes at 4x the target the default scale-up policies give 2 -> 6 -> 8', () => {
    // 4.8 nodes of work at target 0.6 (4x on 2 nodes). Sync 1: desired ceil(2 x 4) = 8, limit max(2 x 2, 2 + 4) = 6.
    // Sync 2 (15 s later: the first event is not after the cutoff now - 15 s): 6 nodes at ratio 0.8/0.6, desired
    // ceil(6 x 4/3) = 8, limit max(12, 10): 8. Then ratio 1: no change.
    const counts = run(2, (n) => 4.8 / n / 0.6, 4);
    expect(counts).toEqual([2, 6, 8, 8, 8]);
  });

  it('nodes not ready count as using 0 on a scale-up, and a flipped direction keeps the count', () => {
    // 2 ready at ratio 3, 4 provisioning: new ratio 3 x 2 / 6 = 1, inside the tolerance: keep 6.
    expect(replicaCount(6, 2, 4, 3, 0.1)).toBe(6);
    // 2 ready at ratio 3, 1 provisioning: new ratio 2, desired ceil(2 x 3) = 6.
    expect(replicaCount(3, 2, 1, 3, 0.1)).toBe(6);
    // 1 ready at ratio 1.5, 2 provisioning: new ratio 0.5 < 1, the direction flipped: keep 3.
    expect(replicaCount(3, 1, 2, 1.5, 0.1)).toBe(3);
    // Scale-down with nodes provisioning: they are left out, desired ceil(4 x 0.5) = 2.
    expect(replicaCount(6, 4, 2, 0.5, 0.1)).toBe(2);
  });
});

describe('HPA behaviour (horizontal.go)', () => {
  it('steps down by the documented policy table: 4 pods or 10 % per 60 s, selectPolicy max', () => {
    // The HPA docs' scale-down example ("Scaling Policies"): the percent policy wins above 40 pods. From 80 with a
    // desired count of 10 and no stabilization, each period's start count s gives min(floor(0.9 s), s - 4):
    // 80 -> 72 (t 15 s); nothing within the next 60 s (the event at 15 s is counted until t > 75 s); then
    // 72 -> 64 -> 57 -> 51 -> 45 -> 40 -> 36 -> 32 -> 28 -> 24 -> 20 -> 16 -> 12 -> 10 (the desired count).
    const down: ScalingRules = { stabilization: 0, policies: [{ pods: 4, period: 60 }, { percent: 10, period: 60 }], select: 'max' };
    const behavior = new HpaBehavior(DEFAULT_SCALE_UP, down, 1, 100);
    let current = 80;
    const changes: number[] = [80];
    for (let i = 1; i <= 80; i++) {
      const next = behavior.decide(15 * i, current, 10);
      if (next !== current) changes.push(next);
      current = next;
    }
    expect(changes).toEqual([80, 72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10]);
  });

  it('selectPolicy min on that table takes the smaller change: 4 pods a minute above 40, 10 % below', () => {
    // Each period's start count s gives max(floor(0.9 s), s - 4): 80 -> 76 -> 72 ... 44 -> 40 -> 36 (both 36) ->
    // 32 -> 28 -> 25 (floor 25.2) -> 22 -> 19 -> 17 -> 15 -> 13 -> 11 -> max(9, 7) = 9, held at the desired 10.
    const down: ScalingRules = { stabilization: 0, policies: [{ pods: 4, period: 60 }, { percent: 10, period: 60 }], select: 'min' };
    const behavior = new HpaBehavior(DEFAULT_SCALE_UP, down, 1, 100);
    let current = 80;
    const changes: number[] = [80];
    for (let i = 1; i <= 200; i++) {
      const next = behavior.decide(15 * i, current, 10);
      if (next !== current) changes.push(next);
      current = next;
    }
    expect(changes).toEqual([80, 76, 72, 68, 64, 60, 56, 52, 48, 44, 40, 36, 32, 28, 25, 22, 19, 17, 15, 13, 11, 10]);
  });

  it('the 300 s scale-down stabilization keeps the highest recommendation of the last 300 s', () => {
    // Recommendations 10 at t = 15 s, then 4 from t = 30 s: the count stays 10 while the 10 is inside the window
    // (t - 300 < 15, up to t = 300 s), and drops at the first sync after it (t = 315 s) to 4 (100 % per 15 s allows it).
    const behavior = new HpaBehavior(DEFAULT_SCALE_UP, DEFAULT_SCALE_DOWN, 1, 100);
    let current = behavior.decide(15, 10, 10);
    const counts: [number, number][] = [];
    for (let t = 30; t <= 330; t += 15) {
      current = behavior.decide(t, current, 4);
      counts.push([t, current]);
    }
    expect(counts.filter(([, c]) => c === 10).map(([t]) => t).at(-1)).toBe(300);
    expect(counts.find(([, c]) => c === 4)?.[0]).toBe(315);
  });

  it('a count outside [min, max] is brought inside at once, whatever the policies allow', () => {
    const behavior = new HpaBehavior(DEFAULT_SCALE_UP, DEFAULT_SCALE_DOWN, 10, 20);
    expect(behavior.bound(15, 1)).toBe(10);
    expect(behavior.bound(30, 50)).toBe(20);
    expect(behavior.bound(45, 12)).toBeNull();
  });

  it('min and max bound the count', () => {
    const behavior = new HpaBehavior(DEFAULT_SCALE_UP, { ...DEFAULT_SCALE_DOWN, stabilization: 0 }, 3, 5);
    expect(behavior.decide(15, 4, 50)).toBe(5);
    expect(behavior.decide(30, 5, 0)).toBe(3);
  });
});
