/**
 * The event trace (issue 16.8) at the library level: tracing a replication changes nothing it draws or decides, the
 * node lines show a scripted crash and repair, and a trace cut short by a signal leaves no file behind.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../../src/experiment/replication.js';
import { replicationStreams } from '../../../src/experiment/streams.js';
import { writeTrace } from '../../../src/experiment/trace-writer.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { cluster, exponential, failuresOnly } from '../../helpers/scenarios.js';
import { temporaryFolder } from '../cli/helpers.js';

function spec(): ScenarioSpec {
  const s = cluster({ seed: 'trace', nodes: 3, policy: 'random', rate: 2, work: exponential(1), run: { duration: 60, warmup: 5, replications: 1 } });
  s.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 20, crash: 'node-1', for: 10 }] }]);
  return s;
}

const every = { from: 0, to: Infinity, node: null, replication: 0 };

describe('the event trace', () => {
  it('does not change the replication: same events, same measurement, with and without a sink', () => {
    const plain = runReplication(spec(), replicationStreams('trace', 0), 0);
    const seen: string[] = [];
    const traced = runReplication(spec(), replicationStreams('trace', 0), 0, {
      trace: { event: (time, kind, node, request, detail) => seen.push(`${time} ${kind} ${node} ${request} ${detail}`) },
    });
    expect(seen.length).toBeGreaterThan(200);
    expect(traced.events).toBe(plain.events);
    expect(traced.measurement.toData()).toEqual(plain.measurement.toData());
    expect(traced.reliability).toEqual(plain.reliability);
  });

  it('writes the crash and the repair of the timeline as node lines of that node', () => {
    const folder = temporaryFolder();
    const path = join(folder, 't.jsonl');
    const written = writeTrace(spec(), { ...every, path, node: 'node-1' });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { time: number; kind: string; node: string; detail: string });
    expect(written?.lines).toBe(lines.length);
    expect(lines.every((l) => l.node === 'node-1')).toBe(true);
    expect(lines.filter((l) => l.kind === 'node').map((l) => [l.time, l.detail])).toEqual([
      [20, 'up -> down'],
      [30, 'down -> up'],
    ]);
  });

  it('leaves no file, not even a partial one, when stopped (a signal)', () => {
    const folder = temporaryFolder();
    const path = join(folder, 't.jsonl');
    // Stopped between chunks of events: a long run, so that the first check comes before the end.
    const long = spec();
    long.run = { duration: 2e6, warmup: 0, replications: 1 };
    long.reliability = undefined;
    expect(writeTrace(long, { ...every, path }, { shouldStop: () => true })).toBeNull();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });
});
