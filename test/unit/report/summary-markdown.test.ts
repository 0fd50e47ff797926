import { describe, expect, it } from 'vitest';
import { buildSummaryMarkdown } from '../../../src/report/index.js';
import {
  FAILED_OBJECTIVE_LABEL,
  makeFailureScenarioResult,
  P99_OBJECTIVE_LABEL,
  PASSED_OBJECTIVE_LABELS,
} from '../../fixtures/report/failure-scenario-result.js';
import {
  makeLeaderScenarioResult,
  makeLeaderScenarioResultWithoutElections,
} from '../../fixtures/report/leader-scenario-result.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';
import { NodeRowTable } from '../../../src/experiment/node-row-table.js';

/** The lines of one `## ` section, up to the next one. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section '${title}' in:\n${markdown}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start + 1, end < 0 ? undefined : end);
}

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

  it('shows each availability as a percentage and as nines, capping a run without downtime', () => {
    expect(tableRow(markdown, 'Availability (time)')).toEqual(['Availability (time)', '100.000 %', '100.000 – 100.000 %']);
    expect(tableRow(markdown, 'Availability (time) in nines')).toEqual(['Availability (time) in nines', '≥ 6 nines', '≥ 6 nines']);
    expect(tableRow(markdown, 'Availability (requests) in nines')).toEqual([
      'Availability (requests) in nines',
      '3.96 nines',
      '3.8 – 4.22 nines',
    ]);
    const single = buildSummaryMarkdown(makeScenarioResult({ replications: 1 }));
    expect(tableRow(single, 'Availability (requests) in nines')).toEqual(['Availability (requests) in nines', '3.96 nines', '–']);
  });

  it('adds nothing about reliability but the nines when the scenario has no failures', () => {
    for (const title of ['Reliability', 'Objectives (SLO)', 'Incidents', 'Node reliability']) {
      expect(markdown).not.toContain(`## ${title}\n`);
    }
    expect(markdown).not.toMatch(/\b(MTBF|MTTR|PASS|FAIL)\b/);
    expect(markdown).not.toMatch(/incident/i);
  });
});

describe('buildSummaryMarkdown with failures', () => {
  const markdown = buildSummaryMarkdown(makeFailureScenarioResult());

  it('has the reliability sections in order, before the warnings', () => {
    const titles = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      'Figures',
      'Requests',
      'Per class',
      'Reliability',
      'Objectives (SLO)',
      'Incidents',
      'Node reliability',
      'Warnings',
    ]);
    expect(markdown).toContain('### Response time: healthy vs degraded\n');
  });

  it('shows availability in nines next to the percentage', () => {
    expect(tableRow(markdown, 'Availability (time)')).toEqual(['Availability (time)', '99.250 %', '98.853 – 99.647 %']);
    expect(tableRow(markdown, 'Availability (time) in nines')).toEqual(['Availability (time) in nines', '2.12 nines', '1.94 – 2.45 nines']);
    expect(tableRow(markdown, 'Availability (requests) in nines')[1]).toBe('2.72 nines');
  });

  it('lists crashes, MTBF, MTTR, incidents, downtime, detection, false suspicions and retries', () => {
    const reliability = section(markdown, 'Reliability');
    expect(reliability).toContain('at least 2 nodes are healthy and reachable (slo.minHealthy)');
    expect(tableRow(reliability, 'Node crashes per replication')).toEqual(['Node crashes per replication', '4.2', '2.94 – 5.46']);
    expect(tableRow(reliability, 'MTBF (observed, per node)')).toEqual(['MTBF (observed, per node)', '19.67 min', '15.73 – 23.60 min']);
    expect(tableRow(reliability, 'MTTR (observed, per node)')).toEqual(['MTTR (observed, per node)', '41.50 s', '31.13 – 51.88 s']);
    expect(tableRow(reliability, 'Incidents per replication')[1]).toBe('0.6');
    expect(tableRow(reliability, 'Downtime per replication')[1]).toBe('13.75 s');
    expect(tableRow(reliability, 'Detection latency mean')).toEqual(['Detection latency mean', '612.3 ms', '–']);
    expect(tableRow(reliability, 'Detection latency max')[1]).toBe('795.2 ms');
    expect(tableRow(reliability, 'Crashes detected (all replications)')[1]).toBe('21');
    expect(tableRow(reliability, 'False suspicions per replication')[1]).toBe('1.4');
    expect(tableRow(reliability, 'Retries per replication')[1]).toBe('318.6');
  });

  it('says when nothing crashed, was repaired or was detected', () => {
    const result = makeFailureScenarioResult();
    const reliability = result.summary.reliability!;
    reliability.mtbf = null;
    reliability.mttr = null;
    reliability.detection.latency = null;
    const text = buildSummaryMarkdown(result);
    expect(tableRow(text, 'MTBF (observed, per node)')).toEqual(['MTBF (observed, per node)', 'no crash', '–']);
    expect(tableRow(text, 'MTTR (observed, per node)')).toEqual(['MTTR (observed, per node)', 'no repair', '–']);
    expect(tableRow(text, 'Detection latency')).toEqual(['Detection latency', 'no crash detected', '–']);
  });

  it('sets response time while healthy and while degraded side by side', () => {
    expect(markdown).toContain('| condition | requests | mean | mean 95 % CI | p99 | p99 95 % CI |');
    expect(tableRow(markdown, 'Healthy (every node up)')).toEqual([
      'Healthy (every node up)',
      '139 120',
      '239.1 ms',
      '229.5 – 248.7 ms',
      '1.101 s',
      '1.002 – 1.200 s',
    ]);
    expect(tableRow(markdown, 'Degraded (some node down)').slice(1, 3)).toEqual(['4 835', '873.4 ms']);
    expect(tableRow(markdown, 'Degraded (some node down)')[4]).toBe('4.312 s');

    const neverDegraded = makeFailureScenarioResult();
    neverDegraded.summary.reliability!.responseTime.degraded.count = 0;
    expect(tableRow(buildSummaryMarkdown(neverDegraded), 'Degraded (some node down)')).toEqual([
      'Degraded (some node down)',
      '0',
      'no request',
      '–',
      'no request',
      '–',
    ]);
  });

  it('writes PASS or FAIL per objective, with targets, actual values and their intervals', () => {
    const slo = section(markdown, 'Objectives (SLO)');
    expect(slo).toContain('1 of 3 objectives failed.');
    expect(slo).toContain('| objective | target | actual | actual 95 % CI | result |');
    expect(tableRow(slo, FAILED_OBJECTIVE_LABEL)).toEqual([
      'Availability (time)',
      '≥ 99.5 % (2.3 nines)',
      '99.250 % (2.12 nines)',
      '99.010 – 99.490 %',
      'FAIL',
    ]);
    for (const label of PASSED_OBJECTIVE_LABELS) expect(tableRow(slo, label).at(-1), label).toBe('PASS');
    expect(tableRow(slo, P99_OBJECTIVE_LABEL)).toEqual([P99_OBJECTIVE_LABEL, '≤ 1.500 s', '1.157 s', '1.061 – 1.254 s', 'PASS']);
    expect(slo.match(/\| FAIL \|/g)).toHaveLength(1);
  });

  it('states the interval rule, and that the p99 objective counts failures with the share it is judged on', () => {
    const slo = section(markdown, 'Objectives (SLO)');
    expect(slo).toContain('PASS when the whole interval meets the target, FAIL when none of it does, INCONCLUSIVE');
    expect(slo).toContain('a failed request (timed out, rejected, lost) is slower than any target');
    expect(slo).toContain('slower than 1.500 s or failed": 0.42 % were (95 % CI 0.31 – 0.53 %).');
    expect(slo).toContain('The mean objective is the mean of successful requests only.');
  });

  it('writes INCONCLUSIVE for an interval across the target, and counts it in the verdict line', () => {
    const straddling = makeFailureScenarioResult();
    const time = straddling.summary.reliability!.slo[1];
    time.verdict = 'inconclusive';
    const slo = section(buildSummaryMarkdown(straddling), 'Objectives (SLO)');
    expect(tableRow(slo, FAILED_OBJECTIVE_LABEL).at(-1)).toBe('INCONCLUSIVE');
    expect(slo).toContain('1 of 3 inconclusive: their interval straddles the target.');
  });

  it('writes "beyond every target" for a p99 when more than 1 % of requests failed in a replication', () => {
    const storm = makeFailureScenarioResult();
    const p99 = storm.summary.reliability!.slo[0];
    Object.assign(p99, { actual: null, ci95: null, verdict: 'fail', replicationsBeyondEveryTarget: 2 });
    const slo = section(buildSummaryMarkdown(storm), 'Objectives (SLO)');
    expect(tableRow(slo, P99_OBJECTIVE_LABEL)).toEqual([P99_OBJECTIVE_LABEL, '≤ 1.500 s', 'beyond every target', '–', 'FAIL']);
    expect(slo).toContain('In 2 replications more than 1 % of the finished requests failed');
  });

  it('says when every objective passed, or when none was declared', () => {
    const allMet = makeFailureScenarioResult();
    allMet.summary.reliability!.slo = allMet.summary.reliability!.slo.map((c) => ({ ...c, verdict: 'pass' as const }));
    expect(section(buildSummaryMarkdown(allMet), 'Objectives (SLO)')).toContain('All 3 objectives met.');
    const none = makeFailureScenarioResult();
    none.summary.reliability!.slo = [];
    const text = section(buildSummaryMarkdown(none), 'Objectives (SLO)');
    expect(text).toContain('No objective declared');
    expect(text).not.toContain('| objective |');
  });

  it('lists the incidents with replication, start, end, duration, cause and failed requests', () => {
    const incidents = section(markdown, 'Incidents');
    expect(incidents).toContain('| replication | start | end | duration | cause | requests failed |');
    expect(incidents).toContain('| 0 | 120 s | 150 s | 30.00 s | crash web-1 | 212 |');
    expect(incidents).toContain('| 0 | 392.5 s | 401.25 s | 8.750 s | partition zone:b | 37 |');
    expect(incidents).toContain('| 2 | 240 s | 270 s | 30.00 s | outage zone:a | 1 460 |');
    expect(incidents).not.toContain('Showing the first');
  });

  it('shows the first 50 incidents and says that incidents.csv has them all', () => {
    const result = makeFailureScenarioResult();
    result.incidents = Array.from({ length: 51 }, (_, i) => ({
      replication: 0,
      start: 10 * i,
      end: 10 * i + 1,
      duration: 1,
      cause: `crash web-${i}`,
      requestsFailed: 0,
    }));
    const incidents = section(buildSummaryMarkdown(result), 'Incidents');
    expect(incidents).toContain('Showing the first 50 of 51 incidents; incidents.csv lists all of them.');
    expect(incidents).toContain('| crash web-49 |');
    expect(incidents).not.toContain('| crash web-50 |');
  });

  it('says when the service never went down', () => {
    const result = makeFailureScenarioResult();
    result.incidents = [];
    expect(section(buildSummaryMarkdown(result), 'Incidents')).toContain('No incident: the service stayed up in every replication.');
  });

  it('keeps an incident cause from breaking the table', () => {
    const result = makeFailureScenarioResult();
    result.incidents[0] = { ...result.incidents[0], cause: 'scripted crash a|b <b>x</b>\nnext' };
    expect(buildSummaryMarkdown(result)).toContain('| scripted crash a\\|b \\<b\\>x\\</b\\> next |');
  });

  it('lists node uptime, crashes, MTBF and MTTR, least available first', () => {
    const nodes = section(markdown, 'Node reliability');
    expect(nodes).toContain('| node | zone | uptime | crashes | MTBF | MTTR |');
    const rows = nodes.split('\n').filter((l) => l.startsWith('| web-'));
    expect(rows).toEqual([
      '| web-0 | a | 93.120 % | 1.6 | 20.67 min | 38.50 s |',
      '| web-1 | b | 94.220 % | 1.4 | 19.67 min | 42.50 s |',
      // No repair observed: a dash, not 0 s.
      '| web-2 | a | 95.320 % | 1.2 | 18.67 min | – |',
    ]);
  });

  it('lists at most 50 nodes and points at nodes.csv for the rest', () => {
    const result = makeFailureScenarioResult({ nodeCount: 60 });
    result.nodes = NodeRowTable.of(result.nodes.map((n, i) => ({ ...n, uptime: 1 - i / 1000 })));
    const nodes = section(buildSummaryMarkdown(result), 'Node reliability');
    expect(nodes).toContain('The 50 least available of 60 nodes');
    const rows = nodes.split('\n').filter((l) => l.startsWith('| web-'));
    expect(rows).toHaveLength(50);
    expect(rows[0].startsWith('| web-59 |')).toBe(true);
  });
});

describe('buildSummaryMarkdown with leader elections (single-leader topology)', () => {
  const markdown = buildSummaryMarkdown(makeLeaderScenarioResult());

  it('has a Leader elections section after the per-class table, before the reliability sections', () => {
    const titles = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      'Figures',
      'Requests',
      'Per class',
      'Leader elections',
      'Reliability',
      'Objectives (SLO)',
      'Incidents',
      'Node reliability',
      'Warnings',
    ]);
    expect(section(markdown, 'Leader elections')).toContain('the time without a leader runs from that loss to a new leader');
  });

  it('shows the elections, the time without a leader, rounds and lost writes with their CIs', () => {
    const elections = section(markdown, 'Leader elections');
    expect(elections).toContain('| figure | value | 95 % CI |');
    expect(tableRow(elections, 'Elections per replication')).toEqual(['Elections per replication', '4.8', '3.6 – 6']);
    expect(tableRow(elections, 'False elections per replication')).toEqual(['False elections per replication', '0.4', '0.28 – 0.52']);
    // The fixture's replication 4 ends without a leader: the open elections get a row of their own.
    expect(tableRow(elections, 'Elections still open at the end per replication')).toEqual([
      'Elections still open at the end per replication',
      '0.2',
      '0.12 – 0.28',
    ]);
    expect(tableRow(elections, 'Time without a leader mean')).toEqual(['Time without a leader mean', '280.4 ms', '252.4 – 308.4 ms']);
    expect(tableRow(elections, 'Time without a leader p50')).toEqual(['Time without a leader p50', '253.1 ms', '222.7 – 283.5 ms']);
    expect(tableRow(elections, 'Time without a leader p99')).toEqual(['Time without a leader p99', '601.2 ms', '420.8 – 781.6 ms']);
    expect(tableRow(elections, 'Time without a leader max')).toEqual(['Time without a leader max', '664.7 ms', '465.3 – 864.1 ms']);
    expect(tableRow(elections, 'Rounds per election')).toEqual(['Rounds per election', '1.25', '1 – 1.5']);
    expect(tableRow(elections, 'Acknowledged writes lost per replication')).toEqual([
      'Acknowledged writes lost per replication',
      '52.2',
      '32.1 – 72.3',
    ]);
    expect(tableRow(markdown, 'Failed: no-leader')).toEqual(['Failed: no-leader', '4 730']);
  });

  it('says "no election" rather than a time of 0 when the leader was never lost', () => {
    const quiet = section(buildSummaryMarkdown(makeLeaderScenarioResultWithoutElections()), 'Leader elections');
    expect(tableRow(quiet, 'Elections per replication')).toEqual(['Elections per replication', '0', '0 – 0']);
    expect(tableRow(quiet, 'False elections per replication')).toEqual(['False elections per replication', '0', '0 – 0']);
    expect(tableRow(quiet, 'Time without a leader')).toEqual(['Time without a leader', 'no election', '–']);
    expect(tableRow(quiet, 'Rounds per election')).toEqual(['Rounds per election', 'no election', '–']);
    expect(quiet).not.toContain('| Elections still open');
    expect(tableRow(quiet, 'Acknowledged writes lost per replication')).toEqual(['Acknowledged writes lost per replication', '0', '0 – 0']);
  });

  it('has no interval with one replication', () => {
    const single = section(buildSummaryMarkdown(makeLeaderScenarioResult({ replications: 1 })), 'Leader elections');
    expect(tableRow(single, 'Time without a leader mean')).toEqual(['Time without a leader mean', '280.4 ms', '–']);
  });

  it('is absent without elections in the summary: the other runs\' summary.md is unchanged', () => {
    for (const result of [makeScenarioResult(), makeFailureScenarioResult()]) {
      const text = buildSummaryMarkdown(result);
      expect(text).not.toContain('Leader elections');
      expect(text).not.toMatch(/election/i);
    }
    // The section is the only difference the summary's elections and writes make.
    const plain = makeFailureScenarioResult({ name: 'leader-store' });
    const withElections = buildSummaryMarkdown(makeLeaderScenarioResult());
    const withoutSection = withElections.replace(/\n## Leader elections\n[\s\S]*?(?=\n## Reliability\n)/, '');
    plain.summary.requests = makeLeaderScenarioResult().summary.requests;
    expect(withoutSection).toBe(buildSummaryMarkdown(plain));
  });
});
