/**
 * The failover procedure as data (issue 14, parts 3 and 4): RTO = detection + promotion + redirection, where the
 * detection is (threshold - 1) intervals plus the phase of the health-check cycle at the outage.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../../../src/engine/rng.js';
import { Simulator } from '../../../../../src/engine/simulator.js';
import type { FailoverSpec } from '../../../../../src/model/spec.js';
import { FailoverProcedure } from '../../../../../src/topology/single-leader/recovery/failover-procedure.js';

/** The primary is lost for good at `outage`; runs the procedure to its end and returns its times. */
function failover(spec: FailoverSpec, outage: number, seed: string) {
  const sim = new Simulator();
  let redirected = false;
  const procedure = new FailoverProcedure(sim, spec, new RandomStreams(seed), {
    healthy: () => sim.now < outage,
    detected: () => {},
    promoted: () => 0,
    redirected: () => (redirected = true),
  });
  sim.run({ until: outage + 100 * spec.interval * spec.threshold + 1e4 });
  expect(redirected).toBe(true);
  return procedure.times;
}

describe('failover procedure', () => {
  /**
   * Health checks every I from a uniformly random phase: the first check after the outage comes U later, U uniform
   * on (0, I], and the threshold-th failed one (k - 1) I after that. So detection = (k - 1) I + U: mean (k - 1/2) I,
   * range ((k - 1) I, k I], standard deviation I / sqrt(12). With a constant promotion P and TTL T, the clients are
   * redirected detection + P + T after the outage, exactly.
   * Tolerance on the mean: 4 standard errors over the trials (the rule of /work/shared/reference/README.md: sized by
   * the run length).
   */
  it('detection is (threshold - 1) intervals plus a uniform phase; RTO to redirection adds promotion and TTL', () => {
    const spec: FailoverSpec = {
      interval: 10,
      threshold: 3,
      promotion: { dist: 'constant', value: 30 },
      redirection: 60,
    };
    const trials = 3000;
    const outage = 1000.25; // not on a multiple of the interval
    let detectionSum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let trial = 0; trial < trials; trial++) {
      const { detectedAt, promotedAt, redirectedAt } = failover(spec, outage, `phase-${trial}`);
      const detection = detectedAt - outage;
      detectionSum += detection;
      min = Math.min(min, detection);
      max = Math.max(max, detection);
      expect(promotedAt - detectedAt).toBeCloseTo(30, 9);
      expect(redirectedAt - outage).toBeCloseTo(detection + 30 + 60, 9);
    }
    const se = 10 / Math.sqrt(12 * trials);
    expect(Math.abs(detectionSum / trials - 25)).toBeLessThan(4 * se);
    // The range: within (20, 30], and spread over nearly all of it (3000 uniform phases leave gaps of ~0.003 I).
    expect(min).toBeGreaterThan(20);
    expect(max).toBeLessThanOrEqual(30);
    expect(min).toBeLessThan(20.1);
    expect(max).toBeGreaterThan(29.9);
  });

  it('manual failover: the decision delay comes between the detection and the promotion', () => {
    const spec: FailoverSpec = {
      interval: 5,
      threshold: 1,
      decision: { dist: 'constant', value: 300 },
      promotion: { dist: 'constant', value: 20 },
      redirection: 0,
    };
    const { detectedAt, promotedAt, redirectedAt } = failover(spec, 100.5, 'manual');
    expect(detectedAt - 100.5).toBeGreaterThan(0);
    expect(detectedAt - 100.5).toBeLessThanOrEqual(5);
    expect(promotedAt - detectedAt).toBeCloseTo(320, 9);
    expect(redirectedAt).toBe(promotedAt); // immediate redirection
  });

  it('a primary back before the threshold is reached is not failed over', () => {
    const sim = new Simulator();
    let detected = false;
    // Leaderless for 15 s, health checks every 10 s, threshold 3: at most 2 checks fail in a row.
    new FailoverProcedure(
      sim,
      { interval: 10, threshold: 3, promotion: { dist: 'constant', value: 1 }, redirection: 0 },
      new RandomStreams('brief'),
      { healthy: () => sim.now < 100 || sim.now >= 115, detected: () => (detected = true), promoted: () => 0, redirected: () => {} },
    );
    sim.run({ until: 1000 });
    expect(detected).toBe(false);
  });
});
