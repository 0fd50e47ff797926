/**
 * The offered rate per interval (timeseries.csv `offered_per_s`): every measured arrival falls in exactly one
 * interval, so with a window of whole intervals the offered rates times the width add up to the measured arrivals,
 * exactly; and a curve that steps from 2/s to 8/s halfway shows the step (Poisson counts, 5 standard deviations).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/experiment/run.js';
import { loadScenario } from '../../../src/scenario/index.js';

const text = (rate: string) =>
  [
    'name: t',
    'duration: 1000s',
    'interval: 100s',
    'replications: 3',
    'nodes:',
    '  - { group: web, count: 4 }',
    'workload:',
    `  - { class: api, arrivals: { process: poisson, rate: ${rate} }, work: 100ms }`,
    '',
  ].join('\n');

async function run(rate: string) {
  const loaded = loadScenario(text(rate), { file: 't.yaml' });
  expect(loaded.errors).toEqual([]);
  if (loaded.spec === undefined) throw new Error('no spec');
  return runScenario(loaded.spec);
}

describe('offered rate per interval', () => {
  it('adds up to the measured arrivals, and shows a step in the rate', async () => {
    const result = await run('{ curve: [[0s, 2/s], [500s, 8/s]], interpolate: step }');
    const rows = result.timeseries;
    expect(rows).toHaveLength(10);
    const offeredArrivals = rows.reduce((sum, row) => sum + row.offered * (row.end - row.start), 0) * 3;
    expect(offeredArrivals).toBeCloseTo(result.summary.requests.arrived, 6);
    // Each interval of a replication holds Poisson(rate x 100); the mean over 3 replications has sd sqrt(rate x 100 / 3) / 100 per second.
    for (const row of rows) {
      const rate = row.start < 500 ? 2 : 8;
      expect(Math.abs(row.offered - rate)).toBeLessThanOrEqual((5 * Math.sqrt((rate * 100) / 3)) / 100);
    }
  });
});
