import { describe, expect, it } from 'vitest';
import { buildCharts, buildHtml, renderSvg, type RenderedChart } from '../../../src/report/index.js';
import type { ScenarioResult } from '../../../src/experiment/result.js';
import {
  FAILED_OBJECTIVE_LABEL,
  makeFailureScenarioResult,
  P99_OBJECTIVE_LABEL,
} from '../../fixtures/report/failure-scenario-result.js';
import {
  makeLeaderScenarioResult,
  makeLeaderScenarioResultWithoutElections,
} from '../../fixtures/report/leader-scenario-result.js';
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
    result.nodes = result.nodes.with(0, { ...result.nodes.at(0), node: HOSTILE, zone: HOSTILE });
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
    expect(await page(makeFailureScenarioResult())).toBe(await page(makeFailureScenarioResult()));
  });

  it('shows availability as nines and no reliability section without failures', async () => {
    const html = await page(makeScenarioResult());
    expect(html).toContain('<td>Availability (requests) in nines</td><td class="num">3.96 nines</td>');
    expect(html).toContain('<td>Availability (time) in nines</td><td class="num">≥ 6 nines</td>');
    for (const id of ['reliability', 'slo', 'incidents']) expect(html).not.toContain(`<section id="${id}">`);
    expect(html).not.toMatch(/<th class="num">(Uptime|MTBF)<\/th>/);
  });
});

/** The body rows of the table with this class, each as its cells' text (markup stripped). */
function tableRows(html: string, className: string): string[][] {
  const table = new RegExp(`<table class="${className}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (table === undefined) throw new Error(`no table.${className}`);
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
}

describe('buildHtml with failures', () => {
  it('has the reliability, SLO and incident sections between the summary and the warnings', async () => {
    const html = await page(makeFailureScenarioResult());
    const ids = [...html.matchAll(/<section id="([\w-]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['summary', 'reliability', 'slo', 'incidents', 'warnings', 'charts', 'nodes', 'scenario']);
    expect(html).toContain('<h2>Objectives (SLO)</h2>');
    expect(html).toContain('<h3>Response time: healthy vs degraded</h3>');
    expect(html).toContain('<td>Availability (time) in nines</td><td class="num">2.12 nines</td><td class="num">1.94 – 2.45 nines</td>');
  });

  it('lists the reliability figures and response time healthy vs degraded', async () => {
    const html = await page(makeFailureScenarioResult());
    const figures = new Map(tableRows(html, 'reliability').map(([figure, ...rest]) => [figure, rest]));
    expect(figures.get('MTBF (observed, per node)')).toEqual(['19.67 min', '15.73 – 23.60 min']);
    expect(figures.get('MTTR (observed, per node)')).toEqual(['41.50 s', '31.13 – 51.88 s']);
    expect(figures.get('Detection latency mean')).toEqual(['612.3 ms', '–']);
    expect(figures.get('False suspicions per replication')?.[0]).toBe('1.4');
    expect(figures.get('Retries per replication')?.[0]).toBe('318.6');
    expect(tableRows(html, 'conditions')).toEqual([
      ['Healthy (every node up)', '139 120', '239.1 ms', '229.5 – 248.7 ms', '1.101 s', '1.002 – 1.200 s'],
      ['Degraded (some node down)', '4 835', '873.4 ms', '698.7 – 1 048 ms', '4.312 s', '3.018 – 5.606 s'],
    ]);
    expect(html).toMatch(/<table class="conditions">\n<thead><tr><th>Condition<\/th><th class="num">Requests<\/th><th class="num">Mean<\/th><th class="num">Mean 95 % CI<\/th><th class="num">p99<\/th>/);
  });

  it('marks each objective PASS or FAIL, the failed one in its own class', async () => {
    const html = await page(makeFailureScenarioResult());
    expect(tableRows(html, 'slo').map((cells) => [cells[0], cells[4]])).toEqual([
      [P99_OBJECTIVE_LABEL, 'PASS'],
      [FAILED_OBJECTIVE_LABEL, 'FAIL'],
      ['Availability (requests)', 'PASS'],
    ]);
    expect(html).toContain(`<tr><td>${FAILED_OBJECTIVE_LABEL}</td><td class="num">≥ 99.5 % (2.3 nines)</td><td class="num">99.250 % (2.12 nines)</td><td class="num">99.010 – 99.490 %</td><td class="slo-fail">FAIL</td></tr>`);
    expect(html.match(/<td class="slo-pass">PASS<\/td>/g)).toHaveLength(2);
    expect(html).toContain('<p class="verdict slo-fail">1 of 3 objectives failed.');
    // The page's style gives the classes their colours.
    expect(html).toMatch(/td\.slo-fail \{[^}]*background: #cf222e/);

    const allMet = makeFailureScenarioResult();
    allMet.summary.reliability!.slo = allMet.summary.reliability!.slo.map((c) => ({ ...c, verdict: 'pass' as const }));
    const passing = await page(allMet);
    expect(passing).toContain('<p class="verdict slo-pass">All 3 objectives met.');
    expect(passing).not.toContain('class="slo-fail"');

    const undecided = makeFailureScenarioResult();
    undecided.summary.reliability!.slo[1].verdict = 'inconclusive';
    const straddling = await page(undecided);
    expect(straddling).toContain('<td class="slo-inconclusive">INCONCLUSIVE</td>');
    expect(straddling).toContain('<p class="verdict slo-unjudged">1 of 3 inconclusive');
    expect(straddling).toMatch(/td\.slo-inconclusive \{[^}]*background: #fff8c5/);
  });

  it('lists the incidents and says when the list was cut', async () => {
    const html = await page(makeFailureScenarioResult());
    expect(tableRows(html, 'incidents')).toEqual([
      ['0', '120 s', '150 s', '30.00 s', 'crash web-1', '212'],
      ['0', '392.5 s', '401.25 s', '8.750 s', 'partition zone:b', '37'],
      ['2', '240 s', '270 s', '30.00 s', 'outage zone:a', '1 460'],
    ]);
    const many = makeFailureScenarioResult();
    many.incidents = Array.from({ length: 70 }, (_, i) => ({ ...many.incidents[0], start: i, end: i + 0.5, duration: 0.5 }));
    const cut = await page(many);
    expect(tableRows(cut, 'incidents')).toHaveLength(50);
    expect(cut).toContain('Showing the first 50 of 70 incidents; incidents.csv lists all of them.');

    const none = makeFailureScenarioResult();
    none.incidents = [];
    expect(await page(none)).toContain('<section id="incidents">\n<h2>Incidents</h2>\n<p>No incident: the service stayed up in every replication.</p>');
  });

  it('escapes incident causes', async () => {
    const result = makeFailureScenarioResult();
    result.incidents[1] = { ...result.incidents[1], cause: `scripted partition ${HOSTILE}` };
    const html = await page(result);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(tableRows(html, 'incidents')[1][4]).toBe(
      'scripted partition &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img src=https://evil.example/x.png&gt;',
    );
  });

  it('shows uptime, crashes, MTBF and MTTR in the node table', async () => {
    const html = await page(makeFailureScenarioResult());
    expect(html).toMatch(/<th>Zone<\/th><th class="num">Uptime<\/th><th class="num">Crashes<\/th><th class="num">MTBF<\/th><th class="num">MTTR<\/th>/);
    expect(tableRows(html, 'nodes').map((cells) => cells.slice(0, 7))).toEqual([
      ['web-0', 'web', 'a', '93.120 %', '1.6', '20.67 min', '38.50 s'],
      ['web-1', 'web', 'b', '94.220 %', '1.4', '19.67 min', '42.50 s'],
      ['web-2', 'web', 'a', '95.320 %', '1.2', '18.67 min', '–'],
    ]);
  });

  it('has no duplicate element ids and references nothing outside the page', async () => {
    const html = await page(makeFailureScenarioResult());
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const reference of resourceReferences(html)) expect(reference).toMatch(/^(data:|#)/);
    expect(html).not.toMatch(/null|undefined|NaN|Infinity/);
  });
});

describe('buildHtml with leader elections (single-leader topology)', () => {
  it('has a Leader elections section between the summary and the reliability sections', async () => {
    const html = await page(makeLeaderScenarioResult());
    const ids = [...html.matchAll(/<section id="([\w-]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(['summary', 'elections', 'reliability', 'slo', 'incidents', 'warnings', 'charts', 'nodes', 'scenario']);
    expect(html).toContain('<h2>Leader elections</h2>');
  });

  it('lists the same figures as summary.md, with their CIs', async () => {
    const html = await page(makeLeaderScenarioResult());
    expect(tableRows(html, 'elections')).toEqual([
      ['Elections per replication', '4.8', '3.6 – 6'],
      ['False elections per replication', '0.4', '0.28 – 0.52'],
      ['Elections still open at the end per replication', '0.2', '0.12 – 0.28'],
      ['Time without a leader mean', '280.4 ms', '252.4 – 308.4 ms'],
      ['Time without a leader p50', '253.1 ms', '222.7 – 283.5 ms'],
      ['Time without a leader p99', '601.2 ms', '420.8 – 781.6 ms'],
      ['Time without a leader max', '664.7 ms', '465.3 – 864.1 ms'],
      ['Rounds per election', '1.25', '1 – 1.5'],
      ['Acknowledged writes lost per replication', '52.2', '32.1 – 72.3'],
    ]);
    const quiet = await page(makeLeaderScenarioResultWithoutElections({ replications: 1 }));
    expect(tableRows(quiet, 'elections')).toEqual([
      ['Elections per replication', '0', '–'],
      ['False elections per replication', '0', '–'],
      ['Time without a leader', 'no election', '–'],
      ['Rounds per election', 'no election', '–'],
      ['Acknowledged writes lost per replication', '0', '–'],
    ]);
  });

  it('is absent without elections in the summary', async () => {
    for (const result of [makeScenarioResult(), makeFailureScenarioResult()]) {
      const html = await page(result);
      expect(html).not.toContain('id="elections"');
      expect(html).not.toMatch(/election/i);
    }
  });
});

describe('buildHtml of a large cluster', () => {
  it('lists the 1 000 busiest nodes, busiest first, and says that nodes.csv has the others', async () => {
    const result = makeScenarioResult({ nodeCount: 1500 });
    const html = await page(result);
    const rows = tableRows(html, 'nodes');
    expect(rows).toHaveLength(1000);
    // The busiest node of the fixture, found here from its rows.
    const busiest = [...result.nodes].sort((a, b) => b.utilization - a.utilization || (a.node < b.node ? -1 : 1))[0];
    expect(rows[0][0]).toBe(busiest.node);
    expect(html).toContain('The 1 000 busiest of 1 500 nodes (nodes.csv has every node).');
  });
});
