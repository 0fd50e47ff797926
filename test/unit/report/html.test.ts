import { describe, expect, it } from 'vitest';
import { buildCharts, buildHtml, renderSvg, type RenderedChart } from '../../../src/report/index.js';
import type { ScenarioResult } from '../../../src/experiment/result.js';
import { FIXTURE_MEAN_RESPONSE_TEXT, makeScenarioResult } from '../../fixtures/report/scenario-result.js';

async function page(result: ScenarioResult): Promise<string> {
  const charts = buildCharts(result);
  const rendered: RenderedChart[] = await Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart.spec) })));
  return buildHtml(result, rendered);
}

const HOSTILE = '<script>alert("x")</script>&<img src=https://evil.example/x.png>';

/** Attribute values that make a browser fetch something: src, href, xlink:href, srcset, action, poster, data. */
function resourceReferences(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href|xlink:href|srcset|action|poster|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map(
    (m) => m[1].replace(/^["']|["']$/g, ''),
  );
}

describe('buildHtml', () => {
  it('is one page whose every resource reference is inline', async () => {
    const html = await page(makeScenarioResult());
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    for (const reference of resourceReferences(html)) expect(reference).toMatch(/^(data:|#)/);
    expect(html).not.toMatch(/<script|<link[^>]*stylesheet|@import|url\(\s*['"]?(https?:)?\/\//i);
    // A content security policy makes the browser itself refuse any request the page might still attempt.
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('shows the summary table, seed, fingerprint, warnings and node table', async () => {
    const html = await page(makeScenarioResult());
    expect(html).toContain(`<td>Response time mean</td><td class="num">${FIXTURE_MEAN_RESPONSE_TEXT}</td>`);
    expect(html).toContain('<dt>Seed</dt><dd>7</dd>');
    expect(html).toContain('<dt>Fingerprint</dt><dd>9f3a1c07d2b4e6a8</dd>');
    expect(html).toContain('<li>Utilisation of web-0 is above 80 %: response times grow steeply with load.</li>');
    expect(html).toMatch(/<table class="nodes">[\s\S]*<td>web-2<\/td>/);
  });

  it('inlines one figure with an SVG and a caption per chart', async () => {
    const result = makeScenarioResult();
    const html = await page(result);
    const figures = [...html.matchAll(/<figure class="chart" id="chart-([\w-]+)"[^>]*>\n<svg[\s\S]*?<\/svg>\n<figcaption>[^<]+<\/figcaption>/g)];
    expect(figures.map((f) => f[1])).toEqual(buildCharts(result).map((c) => c.name));
  });

  it('has no duplicate element ids once the charts are inlined', async () => {
    const ids = [...(await page(makeScenarioResult())).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('escapes every string that comes from the user', async () => {
    const result = makeScenarioResult({ description: HOSTILE, name: 'web<b>tier' });
    result.warnings = [HOSTILE];
    result.nodes[0] = { ...result.nodes[0], node: HOSTILE, zone: HOSTILE };
    result.summary.classes[HOSTILE] = result.summary.classes.api;
    result.summary.requests.failedByCause[HOSTILE] = 1;
    result.summary.seed = HOSTILE;
    const html = await page(result);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img');
    expect(html).toContain('<title>web&lt;b&gt;tier · clustersim report</title>');
  });

  it('shows the scenario source text when there is one', async () => {
    const html = await page(makeScenarioResult({ source: { path: 'scenarios/web.yaml', text: `name: web\n# ${HOSTILE}\n` } }));
    expect(html).toContain('<p class="note">scenarios/web.yaml</p>');
    expect(html).toContain('<pre><code>name: web\n# &lt;script&gt;');
  });

  it('otherwise shows the resolved spec as JSON, unbounded quantities spelled out', async () => {
    const html = await page(makeScenarioResult());
    expect(html).toContain('&quot;storage&quot;: &quot;unbounded&quot;');
    expect(html).toContain('&quot;bandwidth&quot;: 125000000');
    expect(html).not.toMatch(/null|undefined|NaN|Infinity/);
  });

  it('gives the same bytes for the same input', async () => {
    expect(await page(makeScenarioResult())).toBe(await page(makeScenarioResult()));
  });
});
