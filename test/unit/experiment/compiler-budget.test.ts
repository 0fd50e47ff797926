import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { benchScenario } from '../../../bench/model.js';
import { compilerFlagsFor, estimatedEventsOf, inliningBudget, longWorkEvents } from '../../../src/experiment/compiler-budget.js';
import { estimateEvents } from '../../../src/experiment/estimate-events.js';

describe('the inlining budget of long work', () => {
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

  it('is asked for by work of at least ten million events only', () => {
    expect(compilerFlagsFor(longWorkEvents - 1)).toEqual([]);
    expect(compilerFlagsFor(Number.NaN)).toEqual([]);
    expect(compilerFlagsFor(longWorkEvents)).toEqual(inliningBudget);
  });

  it('covers the benchmark runs (10^7 requests) and not a test-sized run (10^5)', () => {
    expect(compilerFlagsFor(estimateEvents(benchScenario(100, 'random', 1e7)).eventsPerReplication)).toEqual(inliningBudget);
    expect(compilerFlagsFor(estimateEvents(benchScenario(100, 'random', 1e5)).eventsPerReplication)).toEqual([]);
  });

  it('counts a thread’s whole share of a study: many short units together ask for it, one alone does not', () => {
    // A sweep point's replication: 10 nodes at load 0.9 for 8 hours, about 1.3 M events estimated.
    const unit = benchScenario(10, 'random', 9 * 8 * 3600);
    const one = estimateEvents(unit).eventsPerReplication;
    expect(estimatedEventsOf([unit, unit, unit])).toBe(3 * one);
    expect(compilerFlagsFor(estimatedEventsOf([unit]))).toEqual([]);
    expect(compilerFlagsFor(estimatedEventsOf(Array<typeof unit>(40).fill(unit)))).toEqual(inliningBudget);
  });
});
