import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/report/index.js';
import { expectedReportFiles } from '../../fixtures/report/report-files.js';
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

  it('gives byte-identical files for identical input, also within one process', async () => {
    const first = await readAll(await writeReport(makeScenarioResult(), join(out, 'a')));
    const second = await readAll(await writeReport(makeScenarioResult(), join(out, 'b')));
    const again = await readAll(await writeReport(makeScenarioResult(), join(out, 'a')));
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, text] of first) {
      expect(second.get(file), file).toBe(text);
      expect(again.get(file), file).toBe(text);
    }
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
      'start_s,end_s,throughput_per_s,mean_response_s,p50_response_s,p99_response_s,in_flight_requests,nodes_up,utilization_fraction',
    );
    expect(timeseries).toHaveLength(1 + 20);
    expect(timeseries[2].split(',').map(Number)[0]).toBe(result.timeseries[1].start);

    const nodes = csvLines(await readFile(join(dir, 'nodes.csv'), 'utf8'));
    expect(nodes[0]).toBe(
      'node,group,zone,completed_requests,utilization_fraction,mean_queue_length_requests,storage_used_bytes,bytes_moved,nic_utilization_fraction',
    );
    expect(nodes).toHaveLength(1 + 3);
    expect(nodes[1].startsWith('web-0,web,a,')).toBe(true);

    const histogram = csvLines(await readFile(join(dir, 'latency-histogram.csv'), 'utf8'));
    expect(histogram[0]).toBe('lower_s,upper_s,count,cumulative_fraction');
    expect(histogram).toHaveLength(1 + 30);
    expect(Number(histogram[30].split(',')[3])).toBe(1);
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
