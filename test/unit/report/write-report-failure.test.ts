import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../../../src/report/index.js';
import { writeReport } from '../../../src/report/index.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';

/** Set by a test to append a chart that cannot render, after the good ones, so the failure comes mid-write. */
const brokenChart = vi.hoisted(() => ({ enabled: false }));

vi.mock(import('../../../src/report/charts/index.js'), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    buildCharts: (result: Parameters<typeof original.buildCharts>[0]): ChartSpec[] => {
      const charts = original.buildCharts(result);
      if (!brokenChart.enabled) return charts;
      const broken = { mark: 'no-such-mark', data: { values: [] } } as unknown as TopLevelSpec;
      return [...charts, { name: 'broken', caption: 'cannot render', spec: broken }];
    },
  };
});

describe('writeReport when rendering fails midway', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'clustersim-report-failure-'));
    brokenChart.enabled = false;
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('rethrows and leaves neither a report folder nor a temporary folder', async () => {
    brokenChart.enabled = true;
    await expect(writeReport(makeScenarioResult(), out)).rejects.toThrow(/cannot render chart 'broken'/);
    expect(await readdir(out)).toEqual([]);
  });

  it('keeps the older report of the same name intact', async () => {
    const dir = await writeReport(makeScenarioResult({ replications: 5 }), out);
    const before = await readFile(join(dir, 'summary.json'), 'utf8');
    brokenChart.enabled = true;
    await expect(writeReport(makeScenarioResult({ replications: 1 }), out)).rejects.toThrow();
    expect(await readdir(out)).toEqual(['web-tier']);
    expect(await readFile(join(dir, 'summary.json'), 'utf8')).toBe(before);
  });
});
