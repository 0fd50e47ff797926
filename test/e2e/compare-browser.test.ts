/**
 * Opens a written comparison.html in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) and
 * checks what a reader sees: the page loads with no error, asks the network for nothing, shows every chart, and
 * reads "no significant difference" where the paired CI contains 0. The comparison has a load sweep, so every kind
 * of chart is on the page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, missingChromium, openInChromium, type PageLoad } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSweep, scaleToLoad, withPolicy } from '../../src/experiment/compare-spec.js';
import { runComparison, type Comparison } from '../../src/experiment/compare.js';
import { COMPARED_FIGURES } from '../../src/experiment/compare-figures.js';
import { buildComparisonCharts, writeComparison } from '../../src/report/index.js';
import { cluster, exponential, runLength } from '../helpers/scenarios.js';

/** random (the baseline), random again (no difference at all) and join-shortest-queue, at loads 0.5 and 0.9. */
async function makeComparison(): Promise<Comparison> {
  const base = cluster({ name: 'browser', seed: 'browser', run: runLength(3, 2000), nodes: 4, policy: 'random', rate: 2, work: exponential(1) });
  const sweep = parseSweep('load=0.5:0.9:0.4');
  if (!sweep.ok) throw new Error(sweep.error);
  const variants = [
    { name: 'random', spec: base, file: null },
    { name: 'random-again', spec: base, file: null },
    { name: 'join-shortest-queue', spec: withPolicy(base, { name: 'join-shortest-queue', params: {} }), file: null },
  ];
  return runComparison({
    scenario: base.name,
    baseline: 'random',
    sweeps: [sweep.value],
    points: sweep.value.values.map((load) => ({ values: [load], variants: variants.map((v) => ({ ...v, spec: scaleToLoad(v.spec, load) })) })),
  });
}

describe('comparison.html in headless Chromium', () => {
  let comparison: Comparison;
  let out: string | undefined;
  let pageUrl: string;
  let browser: Browser | undefined;
  let opened: PageLoad | undefined;

  /** Every test fails (none is skipped) without a browser, each with the same clear message. */
  function loaded(): PageLoad {
    if (!chromiumAvailable()) throw new Error(missingChromium('comparison.html'));
    if (opened === undefined) throw new Error('comparison.html was not opened; see the error of beforeAll');
    return opened;
  }

  beforeAll(async () => {
    comparison = await makeComparison();
    if (!chromiumAvailable()) return;
    out = await mkdtemp(join(tmpdir(), 'clustersim-compare-browser-'));
    const dir = await writeComparison(comparison, out);
    pageUrl = pathToFileURL(join(dir, 'comparison.html')).href;
    ({ browser, load: opened } = await openInChromium(pageUrl));
  });

  afterAll(async () => {
    await browser?.close();
    if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('loads without console errors or page errors', () => {
    const load = loaded();
    expect(load.consoleErrors).toEqual([]);
    expect(load.pageErrors).toEqual([]);
  });

  it('requests nothing but the page itself', () => {
    const load = loaded();
    expect(load.requests).toEqual([pageUrl]);
  });

  it('shows every chart built, each as a visible SVG of non-zero size with marks', async () => {
    const load = loaded();
    const expected = buildComparisonCharts(comparison).map((c) => c.name);
    // A sweep's figures are drawn over the whole sweep (mean and p99 against load) and the CDF overlay; the bar charts
    // of the last point alone are left out (they would repeat one point of those lines).
    expect(expected).toHaveLength(3);
    expect(await load.page.locator('figure.chart').count()).toBe(expected.length);
    for (const name of expected) {
      const svg = load.page.locator(`figure[data-chart="${name}"] > svg`);
      await expect.poll(() => svg.isVisible(), { message: name }).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width, name).toBeGreaterThan(100);
      expect(box?.height, name).toBeGreaterThan(50);
      expect(await svg.locator('.role-mark path').count(), name).toBeGreaterThan(0);
    }
  });

  it('opens with one summary table, a row per point', async () => {
    const load = loaded();
    const summary = load.page.locator('section#summary table.sweep-summary');
    expect(await summary.count()).toBe(1);
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.locator('tbody tr').count()).toBe(2);
  });

  it('folds a table per figure and point, reading "no significant difference" where the CI contains 0 once opened', async () => {
    const load = loaded();
    expect(await load.page.locator('details.point table.comparison').count()).toBe(COMPARED_FIGURES.length * 2);
    const row = load.page
      .locator('details#point-1 table[data-figure="responseTime.mean"] tbody tr', { hasText: 'random-again' })
      .first();
    const verdict = row.locator('td').last();
    // Folded until its summary is clicked.
    expect(await verdict.isVisible()).toBe(false);
    await load.page.locator('details#point-1 > summary').click();
    await expect.poll(() => verdict.innerText()).toBe('no significant difference (equal in every replication)');
    expect(await verdict.isVisible()).toBe(true);
    const jsq = load.page.locator('details#point-1 table[data-figure="responseTime.mean"] tbody tr', { hasText: 'join-shortest-queue' });
    expect(await jsq.locator('td').last().innerText()).toBe('significantly lower (better)');
  });
});
