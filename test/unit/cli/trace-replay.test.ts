/**
 * A trace on the command line: a bad row stops `validate` and `run` with exit 2 and the trace's file:line:column,
 * before anything runs; a good one runs, the trace found from the scenario's folder whatever the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, temporaryFolder } from './helpers.js';

const SCENARIO = `name: replay
seed: 1
duration: 10s
warmup: 0s
replications: 2
nodes:
  - group: n
workload:
  - class: c
    arrivals: { process: trace, file: traces/t.csv }
    work: 10ms
`;

let dir: string;
let scenario: string;
beforeAll(async () => {
  dir = temporaryFolder();
  await mkdir(join(dir, 'traces'), { recursive: true });
  scenario = join(dir, 'replay.yaml');
  await writeFile(scenario, SCENARIO);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('trace files on the command line', () => {
  it('a bad row: exit 2 with the trace file, line and column; nothing run', async () => {
    await writeFile(join(dir, 'traces', 't.csv'), 'time\n0\n1\nsoon\n');
    const expected = `${join(dir, 'traces', 't.csv')}:4:1: workload.0.arrivals.file: bad value 'soon': column time: not a time; valid: seconds >= 0 (e.g. 12.5) or an ISO 8601 timestamp with a zone (e.g. 2026-03-02T09:00:00.250Z)`;
    const validate = await cli('validate', scenario);
    expect(validate.code).toBe(2);
    expect(validate.stderr.split('\n')[0]).toBe(expected);
    const run = await cli('run', scenario, '--out', join(dir, 'bad'), '-q');
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(expected);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('a good trace runs: every row arrives, in each replication', async () => {
    await writeFile(join(dir, 'traces', 't.csv'), `time\n${Array.from({ length: 50 }, (_, i) => i * 0.2).join('\n')}\n`);
    const run = await cli('run', scenario, '--out', join(dir, 'good'), '-q');
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'good', 'replay', 'summary.json'), 'utf8'));
    expect(summary.requests.arrived).toBe(2 * 50);
  });
});
