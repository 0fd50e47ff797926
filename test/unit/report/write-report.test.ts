import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/report/index.js';
import { expectedReportFiles } from '../../fixtures/report/report-files.js';
import { FAILURE_INCIDENTS, makeFailureScenarioResult } from '../../fixtures/report/failure-scenario-result.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';

async function readAll(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir)).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
}

function csvLines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('writeReport', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'clustersim-report-'));
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes every file into <out>/<scenario name>/ and leaves nothing else behind', async () => {
    const dir = await writeReport(makeScenarioResult(), out);
    expect(dir).toBe(join(out, 'web-tier'));
    expect(await readdir(out)).toEqual(['web-tier']);
    expect((await readdir(dir)).sort()).toEqual(expectedReportFiles());
  });

  it('creates a missing output directory', async () => {
    const dir = await writeReport(makeScenarioResult(), join(out, 'reports', 'nested'));
    expect((await readdir(dir)).sort()).toEqual(expectedReportFiles());
  });

  it('writes summary.json as the summary, pretty-printed, with a final newline', async () => {
    const result = makeScenarioResult();
    const text = await readFile(join(await writeReport(result, out), 'summary.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(result.summary);
    expect(text).toBe(`${JSON.stringify(result.summary, null, 2)}\n`);
  });

  it('keeps ci95 null with one replication', async () => {
    const result = makeScenarioResult({ replications: 1 });
    const summary = JSON.parse(await readFile(join(await writeReport(result, out), 'summary.json'), 'utf8'));
    expect(summary.responseTime.p99.ci95).toBeNull();
    expect(summary.availability.request.ci95).toBeNull();
    expect(summary.classes.api.throughput.ci95).toBeNull();
  });

  it.each([
    ['without failures', makeScenarioResult],
    ['with failures', makeFailureScenarioResult],
  ])('gives byte-identical files for identical input, also within one process (%s)', async (_, make) => {
    const first = await readAll(await writeReport(make(), join(out, 'a')));
    const second = await readAll(await writeReport(make(), join(out, 'b')));
    const again = await readAll(await writeReport(make(), join(out, 'a')));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, text] of first) {
      expect(second.get(file), file).toBe(text);
      expect(again.get(file), file).toBe(text);
    }
  });

  it('writes the same set of files with failures', async () => {
    const dir = await writeReport(makeFailureScenarioResult(), out);
    expect((await readdir(dir)).sort()).toEqual(expectedReportFiles());
  });

  it('replaces an older report of the same name as a whole', async () => {
    const dir = await writeReport(makeScenarioResult(), out);
    await writeFile(join(dir, 'stale.txt'), 'from an older run');
    await writeReport(makeScenarioResult({ replications: 1 }), out);
    expect((await readdir(dir)).sort()).toEqual(expectedReportFiles());
    expect(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')).replications).toBe(1);
  });

  it('removes a temporary folder left by a crashed process with the same pid', async () => {
    const leftover = join(out, `.web-tier.tmp-${process.pid}`);
    await mkdir(leftover);
    await writeFile(join(leftover, 'half-written.svg'), '<svg');
    const dir = await writeReport(makeScenarioResult(), out);
    expect(await readdir(out)).toEqual(['web-tier']);
    expect(await readdir(dir)).not.toContain('half-written.svg');
  });

  it('writes the CSV files with unit-bearing headers and one line per row', async () => {
    const result = makeScenarioResult();
    const dir = await writeReport(result, out);
    const timeseries = csvLines(await readFile(join(dir, 'timeseries.csv'), 'utf8'));
    expect(timeseries[0]).toBe(
      'start_s,end_s,offered_per_s,throughput_per_s,mean_response_s,p50_response_s,p99_response_s,in_flight_requests,nodes_up,utilization_fraction',
    );
    expect(timeseries).toHaveLength(1 + 20);
    expect(timeseries[2].split(',').map(Number)[0]).toBe(result.timeseries[1].start);

    const nodes = csvLines(await readFile(join(dir, 'nodes.csv'), 'utf8'));
    expect(nodes[0]).toBe(
      'node,group,zone,completed_requests,utilization_fraction,mean_queue_length_requests,storage_used_bytes,bytes_moved,nic_utilization_fraction,uptime_fraction,crashes,mtbf_s,mttr_s',
    );
    expect(nodes).toHaveLength(1 + 3);
    expect(nodes[1].startsWith('web-0,web,a,')).toBe(true);
    // Uptime 1, no crash, and no observed MTBF or MTTR: empty cells, not a made-up 0.
    expect(nodes[1].endsWith(',1,0,,')).toBe(true);

    // Written even without failures, as its header alone, so every report has the same files.
    expect(await readFile(join(dir, 'incidents.csv'), 'utf8')).toBe(
      'replication,start_s,end_s,duration_s,cause,requests_failed\n',
    );

    const histogram = csvLines(await readFile(join(dir, 'latency-histogram.csv'), 'utf8'));
    expect(histogram[0]).toBe('lower_s,upper_s,count,cumulative_fraction');
    expect(histogram).toHaveLength(1 + 30);
    expect(Number(histogram[30].split(',')[3])).toBe(1);
  });

  it('writes every incident and the nodes\u2019 reliability columns of a run with failures', async () => {
    const result = makeFailureScenarioResult();
    const dir = await writeReport(result, out);
    const incidents = csvLines(await readFile(join(dir, 'incidents.csv'), 'utf8'));
    expect(incidents).toEqual([
      'replication,start_s,end_s,duration_s,cause,requests_failed',
      '0,120,150,30,crash web-1,212',
      '0,392.5,401.25,8.75,partition zone:b,37',
      '2,240,270,30,outage zone:a,1460',
    ]);
    expect(incidents).toHaveLength(1 + FAILURE_INCIDENTS.length);

    const nodes = csvLines(await readFile(join(dir, 'nodes.csv'), 'utf8'));
    const header = nodes[0].split(',');
    const web2 = Object.fromEntries(nodes[3].split(',').map((cell, i) => [header[i], cell]));
    expect(web2).toMatchObject({ node: 'web-2', uptime_fraction: '0.9532', crashes: '1.2', mtbf_s: '1120', mttr_s: '' });

    // The interval without a completed request has no response time: an empty cell, not NaN.
    const timeseries = csvLines(await readFile(join(dir, 'timeseries.csv'), 'utf8'));
    expect(timeseries[1 + 8].split(',')[5]).toBe('');
  });

  it('writes an incidents.csv of every incident even when the page shows only the first ones', async () => {
    const result = makeFailureScenarioResult();
    result.incidents = Array.from({ length: 120 }, (_, i) => ({
      replication: i % 3,
      start: i,
      end: i + 0.5,
      duration: 0.5,
      cause: `crash web-${i % 3}`,
      requestsFailed: i,
    }));
    const dir = await writeReport(result, out);
    expect(csvLines(await readFile(join(dir, 'incidents.csv'), 'utf8'))).toHaveLength(1 + 120);
    const markdown = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(markdown).toContain('Showing the first 50 of 120 incidents; incidents.csv lists all of them.');
  });

  it('refuses a scenario name that would escape the output directory, writing nothing', async () => {
    for (const name of ['../escape', 'a/b', '..', '', 'a\\b']) {
      await expect(writeReport(makeScenarioResult({ name }), join(out, 'reports')), name).rejects.toThrow(
        /cannot be a folder name/,
      );
    }
    expect(await readdir(out)).toEqual([]);
  });

  it('fails on an unwritable output directory without leaving anything', async () => {
    const notADirectory = join(out, 'a-file');
    await writeFile(notADirectory, '');
    await expect(writeReport(makeScenarioResult(), notADirectory)).rejects.toThrow();
    await expect(writeReport(makeScenarioResult(), join(notADirectory, 'sub'))).rejects.toThrow();
    expect(await readdir(out)).toEqual(['a-file']);
  });
});
