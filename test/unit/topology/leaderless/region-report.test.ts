/**
 * The leaderless section's region figures (issue 14): W and R per region in the report's text, quorum availability
 * (time) per region with a LOCAL level and over every region with EACH_QUORUM, and latency by client region.
 *
 * Setup: two regions of 3 replicas each, clients of both (100 writes/s and 100 reads/s each), the window from 2 s to
 * 22 s, us-east lost (a domain failure: its nodes down) from 10 s on. Time-based availability counts healthy replicas
 * (up and not cut off), not the detector's view, so it is exact: us-east's LOCAL quorum is healthy for 8 of the 20 s
 * (0.4), eu-west's for all of them (1); EACH_QUORUM needs us-east's too (0.4).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../src/scenario/index.js';
import { leaderlessComparisonTable } from '../../../../src/topology/leaderless/report/comparison.js';
import { leaderlessMarkdown } from '../../../../src/topology/leaderless/report/text.js';
import type { LeaderlessSummary } from '../../../../src/topology/leaderless/sections/leaderless-figures.js';
import { simulate } from '../../../helpers/simulate.js';
import { TWO_REGION_NODES } from '../../../helpers/two-regions.js';

function scenario(writeLevel: string, readLevel: string): string {
  const lines = [
    'name: region-report',
    'seed: 5',
    'duration: 20s',
    'warmup: 2s',
    ...TWO_REGION_NODES,
    'network:',
    '  latency: 1ms',
    '  crossRegion: 20ms',
    'topology:',
    '  kind: leaderless',
    '  replicas: { us-east: 3, eu-west: 3 }',
    `  writeQuorum: ${writeLevel}`,
    `  readQuorum: ${readLevel}`,
    '  coordinator: any',
    '  requestTimeout: 200ms',
    'workload:',
  ];
  for (const region of ['us-east', 'eu-west']) {
    for (const op of ['write', 'read']) {
      lines.push(
        `  - class: ${op}-${region}`,
        `    op: ${op}`,
        `    region: ${region}`,
        '    arrivals: { process: poisson, rate: 100/s }',
        '    work: { dist: exponential, mean: 0.2ms }',
        '    keys: { count: 100, popularity: uniform }',
      );
    }
  }
  lines.push('failures:', '  - kind: domain', '    nodes: region:us-east', '    at: [10s]', '    duration: 1h');
  return lines.join('\n') + '\n';
}

function summaryOf(writeLevel: string, readLevel: string): LeaderlessSummary {
  const loaded = loadScenario(scenario(writeLevel, readLevel), { file: 'region-report.yaml' });
  expect(loaded.errors).toEqual([]);
  const summary = simulate(loaded.spec!).summary as unknown as { leaderless: LeaderlessSummary };
  return summary.leaderless;
}

describe('the leaderless section with replicas per region', () => {
  it('LOCAL levels: W and R per region in the text, quorum time per region, latency by client region', () => {
    const s = summaryOf('local_quorum', 'local_one');
    expect(s.consistency.perRegion?.regions).toEqual([
      { region: 'us-east', replicas: 3, writeQuorum: 2, readQuorum: 1 },
      { region: 'eu-west', replicas: 3, writeQuorum: 2, readQuorum: 1 },
    ]);
    const text = leaderlessMarkdown(s).join('\n');
    expect(text).toContain(
      'N = 6 replicas per key (us-east 3, eu-west 3), writes acknowledged after W = LOCAL_QUORUM (us-east 2 of 3, ' +
        "eu-west 2 of 3: in the coordinator's region), reads answered from the first R = LOCAL_ONE (us-east 1 of 3, " +
        "eu-west 1 of 3: in the coordinator's region) replies, coordinator: any.",
    );
    const byRegion = s.availability.timeByRegion!;
    expect(byRegion.map((entry) => entry.region)).toEqual(['us-east', 'eu-west']);
    expect(byRegion[0].write!.value).toBeCloseTo(0.4, 9);
    expect(byRegion[0].read!.value).toBeCloseTo(0.4, 9);
    expect(byRegion[1].write!.value).toBeCloseTo(1, 9);
    // No whole-store figure stands for a LOCAL level: the per-region rows replace it.
    expect(text).toContain('| write availability (time, LOCAL quorum of a key healthy in us-east) | 40.000 % |');
    expect(text).not.toContain('write availability (time, quorum of a key healthy)');
    expect(s.byClientRegion!.map((entry) => entry.region)).toEqual(['us-east', 'eu-west']);
    // eu-west's clients write at their own region's latency throughout (a few ms); us-east's pay 2 x 20 ms after the loss.
    expect(s.byClientRegion![1].writes.latency.mean.value!).toBeLessThan(0.01);
    expect(s.byClientRegion![0].writes.latency.mean.value!).toBeGreaterThan(0.01);
    expect(text).toContain('| us-east | write |');
    // us-east's clients go without an answered write from the loss at 10 s until the detector (default: heartbeats
    // every 1 s, 3 s timeout) suspects us-east, 2 to 3 s; then a write through eu-west (about 43 ms).
    const gap = s.byClientRegion![0].writes.longestGap.value!;
    expect(gap).toBeGreaterThan(2);
    expect(gap).toBeLessThan(3.2);

    // clustersim compare: one row per client region of the leaderless variants, none for a variant without them.
    const table = leaderlessComparisonTable([
      { name: 'active-active', summary: { leaderless: s } },
      { name: 'active-passive', summary: { recovery: {} } },
    ]);
    expect(table!.rows.map((row) => row.slice(0, 2))).toEqual([
      ['active-active', 'us-east'],
      ['active-active', 'eu-west'],
    ]);
    expect(leaderlessComparisonTable([{ name: 'active-passive', summary: {} }])).toBeNull();
  });

  it('EACH_QUORUM: one quorum time over every region, and its part per region in the text', () => {
    const s = summaryOf('each_quorum', 'local_one');
    expect(s.availability.write.time!.value).toBeCloseTo(0.4, 9);
    expect(s.availability.timeByRegion!.map((entry) => entry.write)).toEqual([undefined, undefined]);
    expect(leaderlessMarkdown(s).join('\n')).toContain('W = EACH_QUORUM (us-east 2 of 3, eu-west 2 of 3: in every region)');
  });
});
