/**
 * A figure without a value (no sample in any replication: null in summary.json) reads as a dash in summary.md and
 * report.html, never as 0; an objective on such a figure is neither met nor missed.
 */
import { describe, expect, it } from 'vitest';
import { NO_ESTIMATE } from '../../../src/metrics/confidence.js';
import { buildHtml, buildSummaryMarkdown } from '../../../src/report/index.js';
import { makeFailureScenarioResult } from '../../fixtures/report/failure-scenario-result.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';

function tableRow(markdown: string, firstCell: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${firstCell} |`));
  if (line === undefined) throw new Error(`no row '${firstCell}' in:\n${markdown}`);
  return line.slice(2, -2).split(' | ');
}

const WARNING =
  'no request arrived in the measurement window (all 5 replications): response time, wait time, probability of ' +
  'waiting, blocking probability and request availability have no value (null in summary.json, – in the tables)';

function withoutRequests() {
  const result = makeScenarioResult();
  const s = result.summary;
  for (const key of ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const) {
    s.responseTime[key] = NO_ESTIMATE;
    s.waitTime[key] = NO_ESTIMATE;
    for (const c of Object.values(s.classes)) c.responseTime[key] = NO_ESTIMATE;
  }
  s.probWait = NO_ESTIMATE;
  s.blockingProbability = NO_ESTIMATE;
  s.availability.request = NO_ESTIMATE;
  s.availability.requestNines = null;
  result.warnings = [WARNING];
  return result;
}

describe('figures without a value', () => {
  const result = withoutRequests();
  const markdown = buildSummaryMarkdown(result);

  it('show a dash for value and interval in summary.md, and the warning that says why', () => {
    expect(tableRow(markdown, 'Response time mean')).toEqual(['Response time mean', '–', '–']);
    expect(tableRow(markdown, 'Wait time p99')).toEqual(['Wait time p99', '–', '–']);
    expect(tableRow(markdown, 'Probability of waiting')).toEqual(['Probability of waiting', '–', '–']);
    expect(tableRow(markdown, 'Availability (requests)')).toEqual(['Availability (requests)', '–', '–']);
    expect(tableRow(markdown, 'Availability (requests) in nines')).toEqual(['Availability (requests) in nines', '–', '–']);
    expect(tableRow(markdown, 'api').slice(2)).toEqual(['–', '–', '–', '–', '–', '–']);
    // The figures that were measured still show.
    expect(tableRow(markdown, 'Throughput')[1]).toBe('47.98 req/s');
    expect(markdown).toContain(`## Warnings\n\n- ${WARNING}\n`);
    expect(markdown).not.toMatch(/\| Response time mean \| 0 s/);
  });

  it('show a dash in report.html too', () => {
    const html = buildHtml(result, []);
    expect(html).toMatch(/<td>Response time mean<\/td><td class="num">–<\/td><td class="num">–<\/td>/);
    expect(html).toContain(WARNING);
  });
});

describe('an objective on a figure without a value', () => {
  it('is not judged: "no sample", and the verdict counts it apart', () => {
    const result = makeFailureScenarioResult();
    const reliability = result.summary.reliability!;
    const p99 = reliability.slo.find((c) => c.objective === 'p99')!;
    p99.actual = null;
    p99.ci95 = null;
    p99.verdict = null;
    p99.beyondTarget = { value: null, ci95: null };
    const markdown = buildSummaryMarkdown(result);
    const row = markdown.split('\n').find((l) => l.startsWith('| Response time p99 (all finished requests) | ≤'))!;
    expect(row.endsWith('| – | – | no sample |')).toBe(true);
    expect(markdown).toContain('1 of 3 could not be judged: their figure has no sample (see the warnings).');
  });
});
