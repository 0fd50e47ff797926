import { describe, expect, it } from 'vitest';
import { gatePasses, verdictOf } from '../../../src/metrics/verdict.js';

// Issue 15.1: pass when the whole 95 % interval meets the target, fail when none of it does, inconclusive otherwise.
describe('verdictOf', () => {
  it('passes an at-most objective only when the whole interval is at or below the target', () => {
    expect(verdictOf({ value: 0.2, ci95: [0.1, 0.3] }, 0.3, 'atMost')).toBe('pass');
    expect(verdictOf({ value: 0.3, ci95: [0.25, 0.35] }, 0.3, 'atMost')).toBe('inconclusive');
    expect(verdictOf({ value: 0.5, ci95: [0.31, 0.7] }, 0.3, 'atMost')).toBe('fail');
  });

  it('passes an at-least objective only when the whole interval is at or above the target', () => {
    expect(verdictOf({ value: 0.9995, ci95: [0.999, 1] }, 0.999, 'atLeast')).toBe('pass');
    expect(verdictOf({ value: 0.999, ci95: [0.998, 0.9995] }, 0.999, 'atLeast')).toBe('inconclusive');
    expect(verdictOf({ value: 0.99, ci95: [0.98, 0.9989] }, 0.999, 'atLeast')).toBe('fail');
  });

  it('is inconclusive without an interval (one replication), and not judged without a value', () => {
    expect(verdictOf({ value: 0.1, ci95: null }, 0.3, 'atMost')).toBe('inconclusive');
    expect(verdictOf({ value: null, ci95: null }, 0.3, 'atMost')).toBeNull();
  });
});

describe('gatePasses', () => {
  it('fails on a failed or unjudged objective; an inconclusive one as --inconclusive says', () => {
    expect(gatePasses(['pass', 'pass'], 'fail')).toBe(true);
    expect(gatePasses(['pass', 'fail'], 'pass')).toBe(false);
    expect(gatePasses(['pass', 'inconclusive'], 'fail')).toBe(false);
    expect(gatePasses(['pass', 'inconclusive'], 'pass')).toBe(true);
    expect(gatePasses([null], 'pass')).toBe(false);
  });
});
