/** One figure's values per replication: grown past its first allocation, replications without a value left out. */
import { describe, expect, it } from 'vitest';
import { estimate, nonNegative } from '../../../src/metrics/confidence.js';
import { ReplicationColumn } from '../../../src/metrics/replication-column.js';

describe('ReplicationColumn', () => {
  it('estimates exactly as estimate() over the same values, across growth of its storage', () => {
    const values = Array.from({ length: 100 }, (_, i) => Math.sin(i) * 10 + i / 3);
    const column = new ReplicationColumn();
    for (const v of values) column.push(v);
    expect(column.replications).toBe(100);
    expect(column.withValue).toBe(100);
    expect(column.estimate(nonNegative)).toEqual(estimate(values, nonNegative));
    expect(column.valuesByReplication()).toEqual(values);
  });

  it('leaves out replications without a value (null or NaN), and keeps their place by replication', () => {
    const column = new ReplicationColumn();
    for (const v of [1, null, 3, NaN, 5]) column.push(v);
    expect(column.replications).toBe(5);
    expect(column.withValue).toBe(3);
    expect(column.estimate()).toEqual(estimate([1, 3, 5]));
    expect(column.valuesByReplication()).toEqual([1, null, 3, null, 5]);
  });
});
