/**
 * Opens a written report.html in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) and checks
 * what a reader sees: the page loads with no error, asks the network for nothing, and shows every chart. Twice: for
 * a run without failures, and for a run with failures, where the timeline and the SLO table must read too.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, missingChromium, openInChromium, type PageLoad } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCharts, writeReport } from '../../src/report/index.js';
import { outagePeriods } from '../../src/report/charts/timeline.js';
import type { ScenarioResult } from '../../src/experiment/result.js';
import { FAILED_OBJECTIVE_LABEL, makeFailureScenarioResult, PASSED_OBJECTIVE_LABELS } from '../fixtures/report/failure-scenario-result.js';
import { FIXTURE_MEAN_RESPONSE_TEXT, makeScenarioResult } from '../fixtures/report/scenario-result.js';

describe.each([
  ['without failures', makeScenarioResult],
  ['with failures', makeFailureScenarioResult],
] as [string, () => ScenarioResult][])('report.html in headless Chromium (%s)', (_, make) => {
  const result = make();
  let out: string | undefined;
  let reportUrl: string;
  let browser: Browser | undefined;
  let opened: PageLoad | undefined;

  /**
   * Every test fails (none is skipped) without a browser, each with the same clear message: a CI without Chromium
   * must not count these checks as passed or silently leave them out.
   */
  function loaded(): PageLoad {
    if (!chromiumAvailable()) throw new Error(missingChromium('report.html'));
    if (opened === undefined) throw new Error('report.html was not opened; see the error of beforeAll');
    return opened;
  }

  beforeAll(async () => {
    if (!chromiumAvailable()) return;
    out = await mkdtemp(join(tmpdir(), 'clustersim-report-browser-'));
    const dir = await writeReport(result, out);
    reportUrl = pathToFileURL(join(dir, 'report.html')).href;
    ({ browser, load: opened } = await openInChromium(reportUrl));
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
    expect(load.requests).toEqual([reportUrl]);
  });

  it('shows every chart built, each as a visible SVG of non-zero size', async () => {
    const load = loaded();
    const expected = buildCharts(result).map((c) => c.name);
    const figures = load.page.locator('figure.chart');
    expect(await figures.count()).toBe(expected.length);
    let visible = 0;
    for (const name of expected) {
      const svg = load.page.locator(`figure[data-chart="${name}"] > svg`);
      await expect.poll(() => svg.isVisible(), { message: name }).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width, name).toBeGreaterThan(100);
      expect(box?.height, name).toBeGreaterThan(50);
      visible += 1;
    }
    expect(visible).toBe(expected.length);
  });

  it('shows the mean response time in the summary table', async () => {
    const load = loaded();
    const row = load.page.locator('table.figures tr', { hasText: 'Response time mean' });
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe(FIXTURE_MEAN_RESPONSE_TEXT);
    expect(await row.isVisible()).toBe(true);
  });

  it('parses every SVG file of the report as SVG', async () => {
    const load = loaded();
    const dir = join(out ?? '', result.summary.scenario);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.svg')).sort();
    expect(files).toHaveLength(buildCharts(result).length);
    for (const file of files) {
      const svg = await readFile(join(dir, file), 'utf8');
      const parsed = await load.page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          root: doc.documentElement.nodeName,
          error: doc.getElementsByTagName('parsererror').length > 0,
          marks: doc.querySelectorAll('.role-mark path').length,
        };
      }, svg);
      expect(parsed, file).toEqual({ root: 'svg', error: false, marks: expect.any(Number) });
      expect(parsed.marks, file).toBeGreaterThan(0);
    }
  });

  it('shows each objective as PASS or FAIL, the failed one marked in red (no such section without failures)', async () => {
    const load = loaded();
    if (result.summary.reliability === null) {
      expect(await load.page.locator('#slo, #reliability, #incidents').count()).toBe(0);
      return;
    }
    const failed = load.page.locator('table.slo tbody tr', { hasText: FAILED_OBJECTIVE_LABEL });
    const failedResult = failed.locator('td').last();
    await expect.poll(() => failedResult.innerText()).toBe('FAIL');
    expect(await failedResult.isVisible()).toBe(true);
    // Marked by colour as well as by the word: a red cell with light text.
    const colours = await failedResult.evaluate((cell) => {
      const style = getComputedStyle(cell);
      return { background: style.backgroundColor, color: style.color };
    });
    expect(colours).toEqual({ background: 'rgb(207, 34, 46)', color: 'rgb(255, 255, 255)' });
    for (const label of PASSED_OBJECTIVE_LABELS) {
      const row = load.page.locator('table.slo tbody tr', { hasText: label });
      expect(await row.locator('td').last().innerText(), label).toBe('PASS');
    }
    expect(await load.page.locator('table.incidents tbody tr').count()).toBe(result.incidents.length);
  });

  it('draws the incidents (red) and the periods with nodes missing (grey) as bands in every panel of the timeline', async () => {
    const load = loaded();
    const rects = 'figure[data-chart="timeline"] > svg path[aria-roledescription="rect mark"]';
    const bands = load.page.locator(rects);
    const incidents = load.page.locator(`${rects}[fill="#e45756"]`);
    expect(await incidents.count()).toBe(3 * result.incidents.length);
    const full = Math.max(result.nodes.length, ...result.timeseries.map((r) => r.nodesUp));
    expect(await bands.count()).toBe(3 * (result.incidents.length + outagePeriods(result.timeseries, full).length));
    for (let i = 0; i < (await bands.count()); i++) {
      const box = await bands.nth(i).boundingBox();
      expect(box?.width, `band ${i}`).toBeGreaterThan(1);
      expect(box?.height, `band ${i}`).toBeGreaterThan(100);
    }
  });
});
