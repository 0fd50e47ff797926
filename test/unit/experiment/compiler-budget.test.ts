import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { benchScenario } from '../../../bench/model.js';
import { compilerFlagsFor, inliningBudget, longReplicationEvents } from '../../../src/experiment/compiler-budget.js';
import { estimateEvents } from '../../../src/experiment/estimate-events.js';

describe('the inlining budget of long replications', () => {
  it('names flags this Node’s V8 has, each with an integer above its default', () => {
    // setFlagsFromString ignores a flag V8 does not know: a renamed flag would silently stop doing anything.
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    for (const flag of inliningBudget) {
      const [name, value] = flag.slice(2).split('=');
      const listed = options.match(new RegExp(`--${name} \\([^)]*\\)\\s+type: int\\s+default: --${name}=(\\d+)`));
      expect(listed, name).not.toBeNull();
      expect(Number(value)).toBeGreaterThan(Number(listed![1]));
    }
  });

  it('is asked for by a replication of at least ten million events only', () => {
    expect(compilerFlagsFor(longReplicationEvents - 1)).toEqual([]);
    expect(compilerFlagsFor(Number.NaN)).toEqual([]);
    expect(compilerFlagsFor(longReplicationEvents)).toEqual(inliningBudget);
  });

  it('covers the benchmark runs (10^7 requests) and not a test-sized run (10^5)', () => {
    expect(compilerFlagsFor(estimateEvents(benchScenario(100, 'random', 1e7)).eventsPerReplication)).toEqual(inliningBudget);
    expect(compilerFlagsFor(estimateEvents(benchScenario(100, 'random', 1e5)).eventsPerReplication)).toEqual([]);
  });
});
