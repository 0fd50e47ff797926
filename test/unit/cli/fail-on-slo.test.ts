import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, temporaryFolder } from './helpers.js';

interface SloCheckJson {
  objective: string;
  actual: number | null;
  verdict: string | null;
  beyondTarget?: { value: number | null };
  replicationsBeyondEveryTarget?: number;
}

function summaryOf(out: string, name: string) {
  return JSON.parse(readFileSync(join(out, name, 'summary.json'), 'utf8')) as {
    responseTime: { p99: { value: number } };
    reliability: { slo: SloCheckJson[] };
  };
}

describe('run --fail-on-slo (issue 15.1)', () => {
  it('exits 0 when every objective passes on its interval', async () => {
    // tiny.yaml: two M/M/1 nodes at 50 % load, p99 about ln(100) * 0.2 s = 0.92 s: none of its requests near 10 s.
    const out = temporaryFolder();
    const run = await cli('run', `${FIXTURES}/tiny.yaml`, '--set', 'slo.p99=10s', '--out', out, '--quiet', '--fail-on-slo');
    expect(run.code).toBe(0);
    expect(summaryOf(out, 'tiny').reliability.slo.map((c) => c.verdict)).toEqual(['pass']);
  });

  it('counts an inconclusive objective as a failure unless --inconclusive pass', async () => {
    // One replication has no interval: the verdict cannot be decided.
    const args = ['run', `${FIXTURES}/tiny.yaml`, '--set', 'slo.p99=10s', '--replications', '1', '--quiet', '--fail-on-slo'];
    const strict = await cli(...args, '--out', temporaryFolder());
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('objectives not met (--fail-on-slo): p99 inconclusive');
    const lenient = await cli(...args, '--out', temporaryFolder(), '--inconclusive', 'pass');
    expect(lenient.code).toBe(0);
  });

  it('without --fail-on-slo a missed objective still exits 0, with the report written', async () => {
    const out = temporaryFolder();
    const run = await cli('run', `${FIXTURES}/impatient-clients.yaml`, '--out', out, '--quiet');
    expect(run.code).toBe(0);
    expect(summaryOf(out, 'impatient-clients').reliability.slo[0].verdict).toBe('fail');
  });

  it('passes a scenario without objectives, and says the gate had nothing to check', async () => {
    const run = await cli('run', `${FIXTURES}/tiny.yaml`, '--out', temporaryFolder(), '--quiet', '--fail-on-slo');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: --fail-on-slo: no objective declared');
  });

  it('rejects an --inconclusive value other than pass or fail (exit 2)', async () => {
    const run = await cli('run', `${FIXTURES}/tiny.yaml`, '--fail-on-slo', '--inconclusive', 'maybe', '--out', temporaryFolder());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Choices: "pass", "fail"');
  });
});

describe('a p99 objective counts failed requests (issue 16.5)', () => {
  it('fails when most requests time out although every completed one was fast', async () => {
    // impatient-clients.yaml: M/M/1 at load 0.8 with a 300 ms client timeout, so about e^-0.6 = 55 % of requests
    // time out; the completed ones' p99 is below the timeout, far under the 1 s target.
    const out = temporaryFolder();
    const run = await cli('run', `${FIXTURES}/impatient-clients.yaml`, '--out', out, '--quiet', '--fail-on-slo');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('p99 fail');
    const summary = summaryOf(out, 'impatient-clients');
    expect(summary.responseTime.p99.value).toBeLessThan(0.35);
    const [p99] = summary.reliability.slo;
    expect(p99).toMatchObject({ objective: 'p99', actual: null, verdict: 'fail', replicationsBeyondEveryTarget: 3 });
    expect(p99.beyondTarget!.value).toBeGreaterThan(0.3);
    const markdown = readFileSync(join(out, 'impatient-clients', 'summary.md'), 'utf8');
    expect(markdown).toContain('| Response time p99 (all finished requests) | ≤ 1.000 s | beyond every target | – | FAIL |');
  });
});
