/**
 * `clustersim run --trace` (issue 16.8): one JSON line per event of one replication, streamed to a file written
 * atomically, chosen by replication, time and node; it does not change the run; bad options are usage errors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, FIXTURES, temporaryFolder } from './helpers.js';

const TINY = `${FIXTURES}/tiny.yaml`;

interface Line {
  time: number;
  kind: string;
  node: string | null;
  request: number | null;
  detail: string;
}

function lines(path: string): Line[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((text) => JSON.parse(text) as Line);
}

describe('clustersim run --trace', () => {
  test('writes the events of one replication and leaves the report byte for byte as without it', async () => {
    const folder = temporaryFolder();
    const trace = join(folder, 'trace.jsonl');
    const plain = await cli('run', TINY, '--quiet', '--out', join(folder, 'plain'));
    const traced = await cli('run', TINY, '--quiet', '--out', join(folder, 'traced'), '--trace', trace, '--workers', '2');
    expect(plain.code).toBe(0);
    expect({ code: traced.code, stderr: traced.stderr }).toEqual({ code: 0, stderr: '' });
    expect(traced.stdout).toBe(`${join(folder, 'traced', 'tiny')}\n${trace}\n`);
    for (const file of ['summary.json', 'summary.md', 'timeseries.csv', 'nodes.csv']) {
      expect(readFileSync(join(folder, 'traced', 'tiny', file), 'utf8'), file).toBe(readFileSync(join(folder, 'plain', 'tiny', file), 'utf8'));
    }
    const events = lines(trace);
    // Requests are numbered by arrival; each ends at most once (reply or failure), and every measured one ends (the
    // drain); warm-up requests and those after the window are 'unmeasured', and the run may stop with some in flight.
    const arrivals = events.filter((e) => e.kind === 'arrive');
    const ends = events.filter((e) => e.kind === 'reply' || e.kind === 'fail');
    expect(arrivals.length).toBeGreaterThan(100); // 10/s for 22 s: about 220
    expect(arrivals.map((e) => e.request)).toEqual(arrivals.map((_, i) => i));
    const ended = ends.map((e) => e.request);
    expect(new Set(ended).size).toBe(ended.length);
    for (const e of arrivals.filter((a) => a.detail.endsWith(' measured'))) expect(ended).toContain(e.request);
    for (const e of ends) expect(['n-0', 'n-1']).toContain(e.node);
    for (let i = 1; i < events.length; i++) expect(events[i].time).toBeGreaterThanOrEqual(events[i - 1].time);
    expect(readdirSync(folder).filter((name) => name.includes('partial'))).toEqual([]);
  });

  test('--trace-from, --trace-to and --trace-node keep only those events; --trace-replication picks the replication', async () => {
    const folder = temporaryFolder();
    const all = join(folder, 'all.jsonl');
    const some = join(folder, 'some.jsonl');
    const other = join(folder, 'other.jsonl');
    await cli('run', TINY, '--quiet', '--out', folder, '--trace', all);
    await cli('run', TINY, '--quiet', '--out', folder, '--trace', some, '--trace-from', '5s', '--trace-to', '8s', '--trace-node', 'n-1');
    await cli('run', TINY, '--quiet', '--out', folder, '--trace', other, '--trace-replication', '1');
    const expected = lines(all).filter((e) => e.time >= 5 && e.time <= 8 && e.node === 'n-1');
    expect(expected.length).toBeGreaterThan(5);
    expect(lines(some)).toEqual(expected);
    expect(lines(other)).not.toEqual(lines(all));
  });

  test.each([
    [['--trace-node', 'n-1'], '--trace-node chooses what --trace writes, and no --trace <file> was given'],
    [['--trace', 't.jsonl', '--trace-replication', 'two'], "--trace-replication: bad value 'two': expected a replication index"],
    [['--trace', 't.jsonl', '--trace-from', '5q'], "--trace-from: bad value '5q': expected a time from the start of the run"],
    [['--trace', 't.jsonl', '--trace-from', '9s', '--trace-to', '5s'], '--trace-from (9s) is after --trace-to (5s)'],
    [['--trace', 't.jsonl', '--trace-replication', '2'], "--trace-replication: bad value '2': the scenario runs 2 replication(s), 0 to 1"],
    [['--trace', 't.jsonl', '--trace-node', 'n-9'], "--trace-node: bad value 'n-9': no such node; valid: n-0, n-1"],
  ])('%j is a usage error (exit 2), nothing run', async (flags, message) => {
    const folder = temporaryFolder();
    const { code, stdout, stderr } = await cli('run', TINY, '--quiet', '--out', folder, ...flags);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(existsSync(join(folder, 'tiny'))).toBe(false);
  });
});
