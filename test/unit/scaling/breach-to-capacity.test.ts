/** breachToCapacity: the time from a p99 breach to the first interval within the objective again, worked by hand. */
import { describe, expect, it } from 'vitest';
import { breachToCapacity } from '../../../src/scaling/elasticity-over-time.js';

describe('breachToCapacity', () => {
  it('two breaches of 20 s each (an empty interval neither begins nor ends one)', () => {
    // Objective 0.3 s, 10 s intervals: a breach from interval 1 to 3 (20 s), one from 5 to 7 across the empty 6.
    expect(breachToCapacity([0.1, 0.5, 0.6, 0.1, null, 0.5, null, 0.1], 0.3, 10)).toBe(20);
  });

  it('a breach still open at the end lasts to the end; no breach is null', () => {
    // From 0 to 1 (10 s), and from 2 to the end of three intervals (10 s).
    expect(breachToCapacity([0.5, 0.1, 0.5], 0.3, 10)).toBe(10);
    expect(breachToCapacity([0.1, null, 0.2], 0.3, 10)).toBeNull();
  });
});
