/**
 * The `scaling` block: resolved values written out by hand (15s = 15, 90s median lognormal kept as written, 60% =
 * 0.6), the HPA defaults of the Kubernetes docs ("Default Behavior") where keys are absent, and positioned errors.
 */
import { describe, expect, test } from 'vitest';
import { BASE, errorsOf, load, yaml } from './helpers.js';

const scaling = (...lines: string[]) => yaml(...BASE, 'scaling:', ...lines);

describe('scaling', () => {
  test('a minimal controller resolves with the HPA defaults', () => {
    const result = load(scaling('  - { group: web, min: 2, max: 40, controller: target-tracking, target: 60% }'));
    expect(result.errors).toEqual([]);
    expect(result.spec?.scaling).toEqual([
      {
        group: 'web',
        min: 2,
        max: 40,
        controller: 'target-tracking',
        metric: 'utilization',
        target: 0.6,
        tolerance: 0.1,
        syncPeriod: 15,
        window: 15,
        metricsDelay: 0,
        up: { stabilization: 0, policies: [{ percent: 100, period: 15 }, { pods: 4, period: 15 }], select: 'max' },
        down: { stabilization: 300, policies: [{ percent: 100, period: 15 }], select: 'max' },
        provisioning: { dist: 'constant', value: 0 },
        drain: Infinity,
      },
    ]);
  });

  test('every key written out', () => {
    const result = load(scaling(
      '  - group: web', //                                                                         12
      '    min: 1',
      '    max: 10',
      '    controller: target-tracking',
      '    metric: inFlightPerNode',
      '    target: 4',
      '    tolerance: 0.05',
      '    syncPeriod: 30s',
      '    window: 1min',
      '    metricsDelay: 10s',
      '    stabilization: { up: 30s, down: 2min }',
      '    policies: { up: [{ pods: 2, per: 1min }], down: [{ percent: 10, per: 1min }, { pods: 1, per: 30s }] }',
      '    selectPolicy: { down: min }',
      '    provisioning: { dist: lognormal, median: 90s, p99: 4min }',
      '    drain: 30s',
    ));
    expect(result.errors).toEqual([]);
    expect(result.spec?.scaling?.[0]).toMatchObject({
      metric: 'inFlightPerNode',
      target: 4,
      tolerance: 0.05,
      syncPeriod: 30,
      window: 60,
      metricsDelay: 10,
      up: { stabilization: 30, policies: [{ pods: 2, period: 60 }], select: 'max' },
      down: { stabilization: 120, policies: [{ percent: 10, period: 60 }, { pods: 1, period: 30 }], select: 'min' },
      drain: 30,
    });
  });

  test('positioned errors: unknown group, max below min, a utilisation target above 100 %, a group scaled twice', () => {
    expect(errorsOf(scaling('  - { group: webb, min: 2, max: 4, controller: target-tracking, target: 60% }'))).toEqual([
      "t.yaml:12:14: scaling.0.group: bad value 'webb': no such node group; valid: one of web",
    ]);
    expect(errorsOf(scaling('  - { group: web, min: 5, max: 4, controller: target-tracking, target: 60% }'))).toEqual([
      "t.yaml:12:32: scaling.0.max: bad value '4': below min; valid: an integer >= min (5)",
    ]);
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 4, controller: target-tracking, target: 60 }'))).toEqual([
      "t.yaml:12:72: scaling.0.target: bad value '60': a utilisation above 100 %; valid: a percentage above 0 and at most 100%, e.g. 60% (or a fraction, 0.6); did you mean '60%'?",
    ]);
    expect(errorsOf(scaling(
      '  - { group: web, min: 1, max: 4, controller: target-tracking, target: 60% }',
      '  - { group: web, min: 1, max: 4, controller: target-tracking, target: 50% }',
    ))).toEqual([
      "t.yaml:13:14: scaling.1.group: bad value 'web': scaled twice; valid: a group no other controller scales (scaling.0.group already does)",
    ]);
  });

  test('a topology without membership changes cannot be scaled', () => {
    const errors = errorsOf(yaml(...BASE, 'topology: { kind: single-leader, mode: replicated }', 'scaling:', '  - { group: web, min: 1, max: 4, controller: target-tracking, target: 60% }'));
    expect(errors.some((e) => /scaling: bad value 'scaling': auto-scaling is not modelled for single-leader/.test(e))).toBe(true);
  });

  test('scale-to-zero: min 0, idleTimeout (default 60s), and none of the HPA keys', () => {
    const result = load(scaling('  - { group: web, min: 0, max: 3, controller: scale-to-zero, idleTimeout: 2min, provisioning: 5s }'));
    expect(result.errors).toEqual([]);
    expect(result.spec?.scaling).toEqual([
      { group: 'web', min: 0, max: 3, controller: 'scale-to-zero', idleTimeout: 120, provisioning: { dist: 'constant', value: 5 }, drain: Infinity },
    ]);
    const defaulted = load(scaling('  - { group: web, min: 0, max: 1, controller: scale-to-zero }'));
    expect(defaulted.spec?.scaling?.[0]).toMatchObject({ idleTimeout: 60 });
  });

  test('positioned errors: min 0 without scale-to-zero, a key the controller does not read, target-tracking without target', () => {
    expect(errorsOf(scaling('  - { group: web, min: 0, max: 4, controller: target-tracking, target: 60% }'))).toEqual([
      "t.yaml:12:24: scaling.0.min: bad value '0': a target-tracking controller keeps at least 1 node; valid: an integer >= 1 (only scale-to-zero starts nodes for waiting requests, so only it may have min 0)",
    ]);
    expect(errorsOf(scaling('  - { group: web, min: 0, max: 4, controller: scale-to-zero, target: 60% }'))).toEqual([
      "t.yaml:12:62: scaling.0.target: bad value 'target': not read by the scale-to-zero controller; valid: one of group, min, max, controller, provisioning, drain, idleTimeout",
    ]);
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 4, controller: target-tracking, idleTimeout: 0s, target: 60% }'))).toEqual([
      expect.stringMatching(/^t\.yaml:12:\d+: scaling\.0\.idleTimeout: bad value 'idleTimeout': not read by the target-tracking controller; valid: one of group, min, max, controller, provisioning, drain, metric, target/),
    ]);
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 4, controller: target-tracking }'))).toEqual([
      expect.stringMatching(/^t\.yaml:12:\d+: scaling\.0(\.target)?: missing required key: target-tracking needs a target/),
    ]);
  });

  test('step: alarms with percentage thresholds and bounds, AWS defaults (60 s period, 1 evaluation period, 300 s cooldown)', () => {
    const result = load(scaling(
      '  - group: web',
      '    min: 1',
      '    max: 10',
      '    controller: step',
      '    alarms:',
      '      up: { threshold: 70%, steps: [{ lower: 0, upper: 20%, change: 1 }, { lower: 20%, change: 3 }] }',
      '      down: { threshold: 30%, steps: [{ upper: 0, change: -1 }] }',
    ));
    expect(result.errors).toEqual([]);
    expect(result.spec?.scaling?.[0]).toEqual({
      group: 'web',
      min: 1,
      max: 10,
      controller: 'step',
      metric: 'utilization',
      syncPeriod: 60,
      metricsDelay: 0,
      evaluationPeriods: 1,
      cooldown: 300,
      // 70 % parses to 0.7000000000000001 (70 x 0.01 in binary floating point).
      up: { threshold: expect.closeTo(0.7, 12), steps: [{ lower: 0, upper: 0.2, change: 1 }, { lower: 0.2, upper: Infinity, change: 3 }] },
      down: { threshold: expect.closeTo(0.3, 12), steps: [{ lower: -Infinity, upper: 0, change: -1 }] },
      provisioning: { dist: 'constant', value: 0 },
      drain: Infinity,
    });
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 4, controller: step }'))).toEqual([
      expect.stringMatching(/scaling\.0(\.alarms)?: missing required key: a step controller needs alarms with up, down or both/),
    ]);
  });

  test('scheduled: actions in order inside the repeating day', () => {
    const result = load(scaling(
      '  - { group: web, min: 1, max: 20, controller: scheduled, schedule: [{ at: 8h, count: 10 }, { at: 20h, min: 2, count: 3 }] }',
    ));
    expect(result.errors).toEqual([]);
    expect(result.spec?.scaling?.[0]).toMatchObject({
      controller: 'scheduled',
      repeat: 86_400,
      actions: [{ at: 28_800, count: 10 }, { at: 72_000, min: 2, count: 3 }],
    });
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 20, controller: scheduled, schedule: [{ at: 20h, count: 3 }, { at: 8h, count: 10 }] }'))).toEqual([
      expect.stringMatching(/scaling\.0\.schedule\.1\.at: bad value '8h': not after the previous action/),
    ]);
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 20, controller: scheduled, schedule: [{ at: 25h, count: 3 }] }'))).toEqual([
      expect.stringMatching(/scaling\.0\.schedule\.0\.at: bad value '25h': not inside the cycle/),
    ]);
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 20, controller: scheduled, schedule: [{ at: 8h, min: 9, max: 4 }] }'))).toEqual([
      expect.stringMatching(/scaling\.0\.schedule\.0\.max: bad value '4': below min; valid: an integer >= min \(9\)/),
    ]);
  });

  test('metrics p99 and rate: a duration and a rate as target', () => {
    const p99 = load(scaling('  - { group: web, min: 1, max: 9, controller: target-tracking, metric: p99, target: 250ms }'));
    expect(p99.errors).toEqual([]);
    expect(p99.spec?.scaling?.[0]).toMatchObject({ metric: 'p99', target: 0.25 });
    const rate = load(scaling('  - { group: web, min: 1, max: 9, controller: target-tracking, metric: rate, target: 300/min }'));
    expect(rate.errors).toEqual([]);
    expect(rate.spec?.scaling?.[0]).toMatchObject({ metric: 'rate', target: 5 });
    expect(errorsOf(scaling('  - { group: web, min: 1, max: 9, controller: target-tracking, metric: p99, target: 60% }'))).toEqual([
      expect.stringMatching(/scaling\.0\.target: bad value '60%': not a valid target for p99; valid: a duration > 0, e\.g\. 250ms/),
    ]);
  });
});
