import { expect } from 'vitest';
import type { Estimate } from '../../src/index.js';

/** The value of a figure the run must have measured: null (no sample) fails the test rather than reading as 0. */
export function valueOf(estimate: Estimate, label = 'figure'): number {
  expect(estimate.value, `${label}: no sample, no value`).not.toBeNull();
  return estimate.value as number;
}
