/**
 * Opens a written report.html in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) and checks
 * what a reader sees: the page loads with no error, asks the network for nothing, and shows every chart. Twice: for
 * a run without failures, and for a run with failures, where the timeline and the SLO table must read too. Then every
 * example scenario's report and two comparisons of an example, made by the CLI, each screenshotted for a person to
 * look at.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium, missingChromium, openInChromium, watchedPage, type PageLoad } from '../helpers/browser.js';
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

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** Where the PNGs go: ignored by git, kept after the test so a person can look at them. */
const SCREENSHOTS = join(ROOT, '.screenshots');
/** `npm run docs:images` sets it: the README's chart images are then replaced by this run's. */
const UPDATE_DOC_IMAGES = process.env.CLUSTERSIM_DOC_IMAGES === '1';

/** The comparisons screenshotted: slow-node's policies over a load sweep (lines), and over a 2 x 2 grid (heatmaps). */
const COMPARISONS: Record<string, string[]> = {
  sweep: ['--policies', 'random,round-robin,least-connections', '--sweep', 'load=0.5:0.9:0.1'],
  grid: ['--policies', 'random,least-connections', '--sweep', 'load=0.6,0.9', '--sweep', 'nodes.0.count=3,5'],
};

/**
 * One image per chart type for the README (docs/images/<name>.png): the page (report folder) and chart it comes
 * from. zone-outage shows the grey outage band and the p99 objective; the others are where their chart exists.
 */
const DOC_IMAGES: Record<string, { page: string; chart: string }> = {
  'response-time-cdf': { page: 'zone-outage', chart: 'response-time-cdf' },
  'response-time-tail': { page: 'zone-outage', chart: 'response-time-tail' },
  'response-time-over-time': { page: 'zone-outage', chart: 'response-time-over-time' },
  timeline: { page: 'zone-outage', chart: 'timeline' },
  'utilization-per-node': { page: 'slow-node', chart: 'utilization-per-node' },
  'time-without-leader': { page: 'leader-failover', chart: 'time-without-leader' },
  'replication-lag': { page: 'async-vs-quorum', chart: 'replication-lag' },
  'leaderless-t-visibility': { page: 'leaderless-staleness', chart: 'leaderless-t-visibility' },
  'comparison-vs-load': { page: 'compare-sweep', chart: 'p99-response-time-vs-load' },
  'comparison-cdf': { page: 'compare-sweep', chart: 'response-time-cdf' },
  'comparison-heatmap': { page: 'compare-grid', chart: 'p99-response-time-heatmap-load-nodes-0-count' },
};

const run = promisify(execFile);

/** The CLI of dist/ (build first, as for the golden test), quiet, one replication or two: the pages, not the figures. */
async function clustersim(args: string[]): Promise<void> {
  await run(process.execPath, [join(ROOT, 'bin/clustersim.js'), ...args, '--quiet', '--workers', '2'], { cwd: ROOT });
}

interface PageSeen {
  name: string;
  file: string;
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
  /** Charts on the page whose SVG is missing, hidden or smaller than 100 x 50 px. */
  chartsNotShown: string[];
  charts: number;
  /** How far the page is wider than the window (0 when it fits: wide tables scroll inside themselves). */
  overflow: number;
}

/**
 * Every example scenario's report.html and two comparisons of slow-node (a load sweep and a 2 x 2 grid), made by the
 * CLI and opened in turn in one browser: each loads with no error, asks for nothing else, shows every chart and is no
 * wider than the window. Each page is saved whole, and chart by chart, as PNG under .screenshots/ (ignored by git)
 * for a person to look at; with CLUSTERSIM_DOC_IMAGES=1 the README's images in docs/images/ are replaced too.
 * About 70 s of CPU (making the 20 pages about half), 5 min on two shared cores: a campaign of its own,
 * `npm run test:screenshots` (and `npm run docs:images`), not part of `npm test`.
 */
describe.runIf(process.env.CLUSTERSIM_SCREENSHOTS === '1')('every example report and comparison in headless Chromium, screenshotted', () => {
  let work: string | undefined;
  const pages: { name: string; file: string }[] = [];
  const seen: PageSeen[] = [];
  let seconds = { make: 0, browse: 0 };

  beforeAll(async () => {
    if (!chromiumAvailable()) return;
    work = await mkdtemp(join(tmpdir(), 'clustersim-examples-browser-'));
    const started = performance.now();
    const scenarios = join(ROOT, 'scenarios');
    // One replication is enough to draw every chart; the comparisons are shortened to 3 min windows.
    await Promise.all([
      clustersim(['run', scenarios, '--replications', '1', '--out', join(work, 'reports')]),
      ...Object.entries(COMPARISONS).map(([name, args]) =>
        clustersim(['compare', join(scenarios, 'slow-node.yaml'), ...args, '--set', 'duration=3min', '--replications', '2', '--out', join(work ?? '', name)]),
      ),
    ]);
    for (const name of (await readdir(join(work, 'reports'))).sort()) pages.push({ name, file: join(work, 'reports', name, 'report.html') });
    for (const name of Object.keys(COMPARISONS)) pages.push({ name: `compare-${name}`, file: join(work, name, 'slow-node-compare', 'comparison.html') });
    const made = performance.now();

    await rm(SCREENSHOTS, { recursive: true, force: true });
    await mkdir(join(SCREENSHOTS, 'charts'), { recursive: true });
    const browser = await launchChromium();
    try {
      // One page, loaded with each file in turn: a new page per file would only add start-up time.
      const load = await watchedPage(browser, { width: 1100, height: 900 });
      for (const { name, file } of pages) {
        load.consoleErrors.length = 0;
        load.pageErrors.length = 0;
        load.requests.length = 0;
        const url = pathToFileURL(file).href;
        await load.page.goto(url, { waitUntil: 'load' });
        const figures = load.page.locator('figure.chart');
        const chartsNotShown: string[] = [];
        for (let i = 0; i < (await figures.count()); i++) {
          const figure = figures.nth(i);
          const chart = (await figure.getAttribute('data-chart')) ?? `#${i}`;
          const box = await figure.locator(':scope > svg').boundingBox();
          if (box === null || box.width < 100 || box.height < 50) chartsNotShown.push(chart);
          await figure.screenshot({ path: join(SCREENSHOTS, 'charts', `${name}--${chart}.png`) });
        }
        const overflow = await load.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        await load.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
        seen.push({
          name,
          file,
          consoleErrors: [...load.consoleErrors],
          pageErrors: [...load.pageErrors],
          foreignRequests: load.requests.filter((r) => r !== url),
          chartsNotShown,
          charts: await figures.count(),
          overflow,
        });
      }
    } finally {
      await browser.close();
    }
    seconds = { make: (made - started) / 1000, browse: (performance.now() - made) / 1000 };
    if (UPDATE_DOC_IMAGES) {
      for (const [image, { page, chart }] of Object.entries(DOC_IMAGES)) {
        await copyFile(join(SCREENSHOTS, 'charts', `${page}--${chart}.png`), join(ROOT, 'docs/images', `${image}.png`));
      }
    }
  }, 600_000);

  afterAll(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  function looked(): PageSeen[] {
    if (!chromiumAvailable()) throw new Error(missingChromium('the example reports'));
    if (seen.length === 0) throw new Error('no page was opened; see the error of beforeAll');
    return seen;
  }

  it('opens a report per example scenario and both comparisons, in one browser, and says how long it took', async () => {
    const examples = (await readdir(join(ROOT, 'scenarios'))).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(looked().map((p) => p.name)).toEqual([...examples.sort(), 'compare-sweep', 'compare-grid']);
    console.info(`example pages: made in ${seconds.make.toFixed(1)} s, opened and screenshotted in ${seconds.browse.toFixed(1)} s`);
  });

  it('loads each page without console or page errors, asking for nothing but the page', () => {
    for (const p of looked()) expect({ page: p.name, errors: [...p.consoleErrors, ...p.pageErrors], requests: p.foreignRequests }).toEqual({ page: p.name, errors: [], requests: [] });
  });

  it('shows every chart of every page as a visible SVG', () => {
    for (const p of looked()) {
      expect(p.charts, p.name).toBeGreaterThanOrEqual(3);
      expect(p.chartsNotShown, p.name).toEqual([]);
    }
  });

  it('fits every page to an 1 100 px window: wide tables scroll inside themselves, the page does not', () => {
    for (const p of looked()) expect({ page: p.name, overflow: Math.max(0, p.overflow) }).toEqual({ page: p.name, overflow: 0 });
  });

  it('has a screenshot of every chart the README shows', async () => {
    const shots = new Set(await readdir(join(SCREENSHOTS, 'charts')));
    for (const [image, { page, chart }] of Object.entries(DOC_IMAGES)) expect(shots.has(`${page}--${chart}.png`), image).toBe(true);
  });
});
