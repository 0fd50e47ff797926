import { describe, expect, it } from 'vitest';
import { buildSummaryMarkdown } from '../../../src/report/index.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';

function tableRow(markdown: string, firstCell: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${firstCell} |`));
  if (line === undefined) throw new Error(`no row '${firstCell}' in:\n${markdown}`);
  return line.slice(2, -2).split(' | ');
}

describe('buildSummaryMarkdown', () => {
  const markdown = buildSummaryMarkdown(makeScenarioResult());

  it('names the scenario and the facts that identify and qualify the run', () => {
    expect(markdown.startsWith('# web-tier\n')).toBe(true);
    expect(markdown).toContain('- Seed: 7\n');
    expect(markdown).toContain('- Fingerprint: 9f3a1c07d2b4e6a8\n');
    expect(markdown).toContain('- Replications: 5\n');
    expect(markdown).toContain('- Measured time per replication: 600 s (10 min)\n');
    expect(markdown).toContain('- Percentile relative error: ±1 %\n');
    expect(markdown.endsWith('\n')).toBe(true);
  });

  it('lists every figure with its value and 95 % CI', () => {
    expect(markdown).toContain('| figure | value | 95 % CI |');
    expect(tableRow(markdown, 'Response time mean')).toEqual(['Response time mean', '251.3 ms', '241.2 – 261.4 ms']);
    expect(tableRow(markdown, 'Response time p99')).toEqual(['Response time p99', '1.157 s', '1.053 – 1.261 s']);
    expect(tableRow(markdown, 'Throughput')).toEqual(['Throughput', '47.98 req/s', '47.51 – 48.46 req/s']);
    expect(tableRow(markdown, 'Availability (requests)')).toEqual([
      'Availability (requests)',
      '99.989 %',
      '99.984 – 99.994 %',
    ]);
    for (const figure of ['Wait time p99.9', 'Probability of waiting', 'Utilisation', 'Blocking probability']) {
      expect(tableRow(markdown, figure)).toHaveLength(3);
    }
  });

  it('shows requests, failures by cause and a per-class table', () => {
    expect(tableRow(markdown, 'Completed')).toEqual(['Completed', '143 955']);
    expect(tableRow(markdown, 'Failed: timeout')).toEqual(['Failed: timeout', '10']);
    expect(tableRow(markdown, 'api')).toEqual(['api', '39.99 req/s', '250.8 ms', '173.8 ms', '577.5 ms', '1.155 s', '1.732 s', '2.809 s']);
    expect(tableRow(markdown, 'static')[0]).toBe('static');
  });

  it('lists the warnings', () => {
    expect(markdown).toContain('## Warnings\n\n- Utilisation of web-0 is above 80 %');
    const quiet = makeScenarioResult();
    quiet.warnings = [];
    expect(buildSummaryMarkdown(quiet)).toContain('## Warnings\n\nNone.\n');
  });

  it('says why there is no CI with one replication', () => {
    const single = buildSummaryMarkdown(makeScenarioResult({ replications: 1 }));
    expect(tableRow(single, 'Response time mean')).toEqual(['Response time mean', '251.3 ms', '–']);
    expect(single).toContain('No confidence intervals: they need at least 2 replications.');
  });

  it('keeps user text from breaking the tables or injecting markup', () => {
    const result = makeScenarioResult({ description: 'line one\nline | two <script>x</script>' });
    result.summary.classes['a|b'] = result.summary.classes.api;
    result.warnings = ['bad | warning\nsecond line'];
    const text = buildSummaryMarkdown(result);
    expect(text).toContain('line one line \\| two \\<script\\>x\\</script\\>');
    expect(text).toContain('| a\\|b | 39.99 req/s |');
    expect(text).toContain('- bad \\| warning second line\n');
  });

  it('mentions stopping early', () => {
    const result = makeScenarioResult();
    result.summary.stoppedEarly = 'max events (10 000 000) reached in replication 2';
    expect(buildSummaryMarkdown(result)).toContain('- Stopped early: max events (10 000 000) reached in replication 2\n');
  });
});
