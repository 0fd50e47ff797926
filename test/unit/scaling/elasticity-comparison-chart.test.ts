/**
 * The comparison chart of cost against p99 (src/scaling/elasticity-comparison-chart.ts), from variants' summaries
 * written out here: one point per scaled variant at (p99, cost) with both CIs; node-hours when a variant has no
 * price; no chart when no variant scales.
 */
import { describe, expect, it } from 'vitest';
import { costAgainstP99Chart } from '../../../src/scaling/elasticity-comparison-chart.js';

const estimate = (value: number | null, ci95: [number, number] | null = value === null ? null : [value * 0.9, value * 1.1]) => ({ value, ci95 });

function summary(p99: number, cost: number | null, nodeHours: number) {
  return { responseTime: { p99: estimate(p99) }, scaling: { cost: estimate(cost), nodeHours: estimate(nodeHours) } };
}

describe('cost against p99 across compared variants', () => {
  it('one point per variant with both intervals, in the variants\' order', () => {
    const [chart] = costAgainstP99Chart([
      { name: 'target-50', summary: summary(0.8, 60, 500) },
      { name: 'target-70', summary: summary(2.4, 45, 375) },
    ]);
    expect(chart.name).toBe('cost-vs-p99');
    const values = (chart.spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values).toEqual([
      { variant: 'target-50', p99: 0.8, p99Low: 0.8 * 0.9, p99High: 0.8 * 1.1, cost: 60, costLow: 60 * 0.9, costHigh: 60 * 1.1 },
      { variant: 'target-70', p99: 2.4, p99Low: 2.4 * 0.9, p99High: 2.4 * 1.1, cost: 45, costLow: 45 * 0.9, costHigh: 45 * 1.1 },
    ]);
  });

  it('node-hours when a variant has no price; nothing when no variant scales', () => {
    const [chart] = costAgainstP99Chart([
      { name: 'a', summary: summary(1, null, 12) },
      { name: 'b', summary: summary(2, 3, 10) },
    ]);
    expect((chart.spec as { data: { values: { cost: number }[] } }).data.values.map((v) => v.cost)).toEqual([12, 10]);
    expect(chart.caption).toMatch(/node-hours/);
    expect(costAgainstP99Chart([{ name: 'a', summary: { responseTime: { p99: estimate(1) } } }])).toEqual([]);
  });
});
