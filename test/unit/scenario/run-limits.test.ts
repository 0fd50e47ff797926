/**
 * The documented maxima of the run's counts: replications (one number per figure per replication is kept), the
 * request and event counts (exact in a double), and the time-series intervals (a sketch each): a positioned
 * error at validation, never a run that dies of memory.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf, sets, withLine, yaml } from './helpers.js';

describe('maxima of the run counts', () => {
  it('replications: 1e9 is refused where it is written; 1 000 000 is accepted', () => {
    expect(errorsOf(yaml(...withLine(1, 'replications: 1e9')))).toEqual([
      "t.yaml:1:15: replications: bad value '1000000000': must be at most 1000000; valid: an integer from 1 to 1000000",
    ]);
    expect(errorsOf(yaml(...withLine(1, 'replications: 1000000')))).toEqual([]);
  });

  it('--replications past the maximum is refused at the override', () => {
    expect(errorsOf(yaml(...withLine(1, 'name: t')), { overrides: sets('replications=2000000') })).toEqual([
      "t.yaml: --set replications=2000000: replications: bad value '2000000': must be at most 1000000; valid: an " +
        'integer from 1 to 1000000',
    ]);
  });

  it('requests, warmupRequests and maxEvents have their maxima', () => {
    const errors = errorsOf(
      yaml(...baseWith('requests: 2e12', 'warmupRequests: 2e12', 'maxEvents: 2e15')),
    );
    expect(errors).toEqual([
      "t.yaml:11:11: requests: bad value '2000000000000': must be at most 1000000000000; valid: an integer from 1 to 1000000000000",
      "t.yaml:12:17: warmupRequests: bad value '2000000000000': must be at most 1000000000000; valid: an integer from 0 to " +
        '1000000000000',
      "t.yaml:13:12: maxEvents: bad value '2000000000000000': must be at most 1000000000000000; valid: an integer from 1 to " +
        '1000000000000000',
    ]);
  });

  it('an interval giving more than 10 000 intervals in the window is refused, with the smallest one allowed', () => {
    // duration 1h: 3600 s / 0.3 s = 12 000 intervals; 360 ms gives exactly 10 000.
    expect(errorsOf(yaml(...baseWith('interval: 300ms')))).toEqual([
      "t.yaml:11:11: interval: bad value '300ms': gives 12000 time-series intervals (duration / interval); at most " +
        '10000; valid: an interval of at least 360ms here (the window / 10000)',
    ]);
    expect(errorsOf(yaml(...baseWith('interval: 360ms')))).toEqual([]);
  });

  it('a window of requests: the intervals are counted over their expected span at the mean rate', () => {
    // 50 000 requests at 1/s span about 50 000 s: an interval of 1 s gives 50 000 intervals.
    const lines = withLine(2, 'requests: 50000');
    expect(errorsOf(yaml(...lines, 'interval: 1s'))).toEqual([
      "t.yaml:11:11: interval: bad value '1s': gives 50000 time-series intervals (the expected span of the measured " +
        'requests / interval); at most 10000; valid: an interval of at least 5s here (the window / 10000)',
    ]);
    expect(errorsOf(yaml(...lines, 'interval: 5s'))).toEqual([]);
  });
});

/** The base scenario with lines added after it (line 11 onwards). */
function baseWith(...extra: string[]): string[] {
  return [...withLine(1, 'name: t'), ...extra];
}
