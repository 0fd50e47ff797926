/**
 * `rate: { curve }` and `rate: { sine }` in the scenario file: resolved values written out by hand from the units
 * (1min = 60 s, 1h = 3600 s), errors as the user sees them, with their positions.
 */
import { describe, expect, test } from 'vitest';
import { errorsOf, load, withLine, yaml } from './helpers.js';

const withRate = (rate: string) => yaml(...withLine(9, `    arrivals: { process: poisson, rate: ${rate} }`));

describe('time-varying rates', () => {
  test('a curve resolves to points in seconds and requests/s, linear by default, and its mean rate', () => {
    const result = load(withRate('{ curve: [[0h, 1/s], [30min, 5/s], [1h, 1/s]], repeat: 1h }'));
    expect(result.errors).toEqual([]);
    expect(result.spec?.workload[0].arrivals).toEqual({
      process: 'poisson',
      rate: 3,
      profile: { shape: 'curve', points: [[0, 1], [1800, 5], [3600, 1]], interpolate: 'linear', repeat: 3600 },
    });
  });

  test('a sine resolves with phase 0 by default', () => {
    const result = load(withRate('{ sine: { mean: 100/s, amplitude: 50/s, period: 24h } }'));
    expect(result.errors).toEqual([]);
    expect(result.spec?.workload[0].arrivals).toEqual({
      process: 'poisson',
      rate: 100,
      profile: { shape: 'sine', mean: 100, amplitude: 50, period: 86400, phase: 0 },
    });
  });

  test('positioned errors: first point not at 0, times not increasing, repeat shorter than the curve', () => {
    expect(errorsOf(withRate('{ curve: [[1h, 1/s], [2h, 5/s]] }'))).toEqual([
      "t.yaml:9:52: workload.0.arrivals.rate.curve.0.0: bad value '1h': the first point must be at time 0; valid: 0s",
    ]);
    expect(errorsOf(withRate('{ curve: [[0s, 1/s], [2h, 5/s], [1h, 2/s]] }'))).toEqual([
      "t.yaml:9:74: workload.0.arrivals.rate.curve.2.0: bad value '1h': times must increase from point to point; valid: a time after the previous point's (7200 s)",
    ]);
    expect(errorsOf(withRate('{ curve: [[0s, 1/s], [2h, 5/s]], repeat: 1h }'))).toEqual([
      "t.yaml:9:82: workload.0.arrivals.rate.repeat: bad value '1h': shorter than the curve; valid: a period at least the last point's time (7200 s)",
    ]);
  });

  test('positioned errors: a bad rate in a point, an amplitude above the mean, a rate that is 0 throughout', () => {
    expect(errorsOf(withRate('{ curve: [[0s, 1/s], [2h, fast]] }'))[0]).toMatch(
      /^t\.yaml:9:\d+: workload\.0\.arrivals\.rate\.curve\.1\.1: bad value 'fast': /,
    );
    expect(errorsOf(withRate('{ sine: { mean: 3/s, amplitude: 4/s, period: 1h } }'))).toEqual([
      "t.yaml:9:73: workload.0.arrivals.rate.sine.amplitude: bad value '4/s': larger than the mean: the rate would go below 0; valid: at most the mean (3/s)",
    ]);
    expect(errorsOf(withRate('{ curve: [[0s, 0/s], [1h, 0/s]] }'))[0]).toMatch(
      /workload\.0\.arrivals\.rate: .*the rate is 0 throughout: no request would arrive/,
    );
  });
});
