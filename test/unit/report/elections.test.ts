/**
 * The list of elections of a single-leader run (issue 6, part 3): elections.csv, the time-without-leader CDF chart and
 * the table under the Leader elections figures; none of them in a report of another topology.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCharts,
  buildHtml,
  buildSummaryMarkdown,
  compileChart,
  renderSvg,
  toCsv,
  writeReport,
  type RenderedChart,
} from '../../../src/report/index.js';
import { electionColumns } from '../../../src/topology/single-leader/report/csv-columns.js';
import { MAX_ELECTION_ROWS_SHOWN } from '../../../src/topology/single-leader/report/election-figures.js';
import { timeWithoutLeaderPoints } from '../../../src/topology/single-leader/report/time-without-leader-chart.js';
import type { ElectionRow, ScenarioResult } from '../../../src/experiment/result.js';
import { makeFailureScenarioResult } from '../../fixtures/report/failure-scenario-result.js';
import {
  LEADER_ELECTIONS,
  makeLeaderScenarioResult,
  makeLeaderScenarioResultWithoutElections,
} from '../../fixtures/report/leader-scenario-result.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';
import { vegaLiteValidator } from '../../fixtures/report/vega-lite-schema.js';
import { xmlProblems } from '../../fixtures/report/xml-check.js';
import { electionsOf } from '../../helpers/sections.js';

function csvLines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section '${title}'`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start + 1, end < 0 ? undefined : end);
}

function htmlTableRows(html: string, className: string): string[][] {
  const table = new RegExp(`<table class="${className}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (table === undefined) throw new Error(`no table.${className}`);
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
}

async function page(result: ScenarioResult): Promise<string> {
  const charts = buildCharts(result);
  const rendered: RenderedChart[] = await Promise.all(charts.map(async (chart) => ({ chart, svg: await renderSvg(chart.spec) })));
  return buildHtml(result, rendered);
}

function manyElections(count: number): ElectionRow[] {
  return Array.from({ length: count }, (_, i) => ({
    replication: Math.floor(i / 20),
    start: 10 + (i % 20) * 10,
    end: 10.25 + (i % 20) * 10,
    duration: 0.25,
    term: 2 + (i % 20),
    rounds: 1,
    cause: 'leader-crash',
  }));
}

describe('elections.csv', () => {
  it('has one row per election with units in the headers; a missing end, duration or term is an empty cell', () => {
    const lines = csvLines(toCsv(LEADER_ELECTIONS, electionColumns));
    expect(lines[0]).toBe('replication,start_s,end_s,duration_s,term,rounds,cause');
    expect(lines.slice(1)).toEqual([
      '0,25,25.212,0.212,2,1,leader-crash',
      '0,61.5,62.1647,0.6647,4,2,leader-crash',
      '1,25,25.1875,0.1875,2,1,leader-crash',
      '2,40.25,40.5,0.25,3,1,partition',
      '3,25,25.3,0.3,2,1,leader-crash',
      '4,299.9,,,,1,leader-crash',
    ]);
  });

  describe('in a written report', () => {
    let out: string;
    beforeEach(async () => {
      out = await mkdtemp(join(tmpdir(), 'clustersim-elections-'));
    });
    afterEach(async () => {
      await rm(out, { recursive: true, force: true });
    });

    it('is written with the time-without-leader chart for a single-leader run', async () => {
      const dir = await writeReport(makeLeaderScenarioResult(), out);
      const files = await readdir(dir);
      expect(files).toContain('elections.csv');
      expect(files).toContain('time-without-leader.vl.json');
      expect(files).toContain('time-without-leader.svg');
      const lines = csvLines(await readFile(join(dir, 'elections.csv'), 'utf8'));
      expect(lines).toHaveLength(1 + LEADER_ELECTIONS.length);
      expect(lines[1]).toBe('0,25,25.212,0.212,2,1,leader-crash');
    });

    it('is header-only, without the chart, for a single-leader run without elections', async () => {
      const dir = await writeReport(makeLeaderScenarioResultWithoutElections(), out);
      const files = await readdir(dir);
      expect(csvLines(await readFile(join(dir, 'elections.csv'), 'utf8'))).toEqual([
        'replication,start_s,end_s,duration_s,term,rounds,cause',
      ]);
      expect(files.filter((f) => f.startsWith('time-without-leader'))).toEqual([]);
    });

    it('is absent, and so is the chart, from the reports of the direct topology', async () => {
      for (const result of [makeScenarioResult(), makeFailureScenarioResult()]) {
        expect(electionsOf(result)).toBeUndefined();
        const dir = await writeReport(result, out);
        const files = await readdir(dir);
        expect(files).not.toContain('elections.csv');
        expect(files.filter((f) => f.startsWith('time-without-leader'))).toEqual([]);
        expect(await readFile(join(dir, 'report.html'), 'utf8')).not.toContain('time-without-leader');
      }
    });
  });
});

describe('time-without-leader chart', () => {
  const result = makeLeaderScenarioResult();
  const chart = buildCharts(result).find((c) => c.name === 'time-without-leader');

  it('comes last, after the five charts of every report, only with elections', () => {
    expect(buildCharts(result).map((c) => c.name)).toEqual([
      'response-time-cdf',
      'response-time-tail',
      'response-time-over-time',
      'timeline',
      'utilization-per-node',
      'time-without-leader',
    ]);
    expect(buildCharts(makeLeaderScenarioResultWithoutElections()).map((c) => c.name)).not.toContain('time-without-leader');
    expect(buildCharts(makeScenarioResult()).map((c) => c.name)).not.toContain('time-without-leader');
    expect(chart?.caption.length).toBeGreaterThan(40);
  });

  it('is the empirical CDF of the durations pooled over replications, in ms, as steps; open elections left out', () => {
    const points = timeWithoutLeaderPoints(LEADER_ELECTIONS);
    const durations = [187.5, 212, 250, 300, 664.7];
    expect(points).toHaveLength(durations.length + 1);
    expect(points[0]).toEqual({ duration: 187.5, fraction: 0 });
    points.slice(1).forEach((p, i) => {
      expect(p.duration).toBeCloseTo(durations[i], 9);
      expect(p.fraction).toBeCloseTo((i + 1) / durations.length, 12);
    });
    expect(timeWithoutLeaderPoints([])).toEqual([]);
    const spec = chart!.spec as unknown as { mark: { type: string; interpolate: string }; encoding: Record<string, { title: string }> };
    expect(spec.mark).toMatchObject({ type: 'line', interpolate: 'step-after' });
    expect(spec.encoding.x.title).toContain('ms');
  });

  it('is valid Vega-Lite, compiles without warnings and renders a line', async () => {
    const spec = JSON.parse(JSON.stringify(chart!.spec)) as TopLevelSpec;
    const validate = vegaLiteValidator();
    expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const compiled = await compileChart(spec);
    expect(compiled.warnings).toEqual([]);
    expect(compiled.vega.marks?.length).toBeGreaterThan(0);
    const svg = await renderSvg(chart!.spec);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<path[^>]*aria-roledescription="line mark"[^>]*\sd="M[^"]+"/g)?.length ?? 0).toBeGreaterThan(0);
  });

  it('reads with one election: an axis around its time, ticks of four significant digits', async () => {
    const lone = makeLeaderScenarioResult();
    const elections = electionsOf(lone)!;
    const row = elections.find((e) => Number.isFinite(e.duration))!;
    elections.splice(0, Infinity, { ...row, duration: 0.220167812 });
    const single = buildCharts(lone).find((c) => c.name === 'time-without-leader')!;
    const labels = [...(await renderSvg(single.spec)).matchAll(/>([\d.]+)<\/text>/g)].map((m) => m[1]);
    // 220.167812 ms, 10 % either side: ticks from about 198 to 242 ms, none printed with six decimals.
    expect(labels).toContain('220');
    expect(labels.filter((l) => l.length > 5)).toEqual([]);
    expect(labels.length).toBeGreaterThan(4);
  });
});

describe('table of elections', () => {
  const expectedRows = [
    ['0', '25 s', '25.212 s', '212.0 ms', '2', '1', 'leader-crash'],
    ['0', '61.5 s', '62.165 s', '664.7 ms', '4', '2', 'leader-crash'],
    ['1', '25 s', '25.188 s', '187.5 ms', '2', '1', 'leader-crash'],
    ['2', '40.25 s', '40.5 s', '250.0 ms', '3', '1', 'partition'],
    ['3', '25 s', '25.3 s', '300.0 ms', '2', '1', 'leader-crash'],
  ];

  it('follows the Leader elections figures in summary.md', () => {
    const text = section(buildSummaryMarkdown(makeLeaderScenarioResult()), 'Leader elections');
    const at = text.indexOf('\n### Elections\n');
    expect(at).toBeGreaterThan(text.indexOf('| Elections per replication |'));
    const rows = text
      .slice(at)
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
      .map((l) => l.slice(2, -2).split(' | '));
    expect(rows[0]).toEqual(['replication', 'start', 'end', 'time without leader', 'term', 'rounds', 'cause']);
    expect(rows.slice(1, 6)).toEqual(expectedRows);
    expect(rows[6][0]).toBe('4');
    expect(rows[6][6]).toBe('leader-crash');
    expect(rows).toHaveLength(7);
    expect(text).toContain('elections.csv has the exact values.');
  });

  it('follows the Leader elections figures in report.html, inside the section', async () => {
    const html = await page(makeLeaderScenarioResult());
    const elections = /<section id="elections">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(elections).toContain('<h3>Elections</h3>');
    expect(elections.indexOf('<table class="election-list">')).toBeGreaterThan(elections.indexOf('<table class="elections">'));
    expect(htmlTableRows(html, 'election-list').slice(0, 5)).toEqual(expectedRows);
    expect(htmlTableRows(html, 'election-list')).toHaveLength(LEADER_ELECTIONS.length);
    expect(html).toContain('id="chart-time-without-leader"');
  });

  it('shows the first rows only, and says so, when there are many', async () => {
    const result = makeLeaderScenarioResult();
    result.sections = { singleLeader: { elections: manyElections(MAX_ELECTION_ROWS_SHOWN + 30) } };
    const note = `Showing the first ${MAX_ELECTION_ROWS_SHOWN} of ${MAX_ELECTION_ROWS_SHOWN + 30} elections; elections.csv lists all of them.`;
    const markdown = section(buildSummaryMarkdown(result), 'Leader elections');
    expect(markdown).toContain(note);
    expect(markdown.split('\n').filter((l) => /^\| \d/.test(l) && l.includes('leader-crash'))).toHaveLength(MAX_ELECTION_ROWS_SHOWN);
    const html = await page(result);
    expect(html).toContain(note);
    expect(htmlTableRows(html, 'election-list')).toHaveLength(MAX_ELECTION_ROWS_SHOWN);
  });

  it('says there was none when the run had no election, and is absent for other topologies', async () => {
    const quiet = makeLeaderScenarioResultWithoutElections();
    expect(section(buildSummaryMarkdown(quiet), 'Leader elections')).toContain('No election: the leader was never lost');
    expect(await page(quiet)).not.toContain('election-list');
    for (const result of [makeScenarioResult(), makeFailureScenarioResult()]) {
      expect(buildSummaryMarkdown(result)).not.toContain('### Elections');
      expect(await page(result)).not.toContain('election-list');
    }
  });
});
