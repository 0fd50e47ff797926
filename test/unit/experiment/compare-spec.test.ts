/** The inputs of `compare`: policy specs, sweeps, offered load and the scaling that sets it. */
import { describe, expect, it } from 'vitest';
import {
  loadSweepProblem,
  MAX_SWEEP_POINTS,
  offeredLoad,
  parsePolicyList,
  parsePolicySpec,
  gridPoints,
  gridSize,
  parseSweep,
  parseSweeps,
  scaleToLoad,
  withPolicy,
} from '../../../src/experiment/compare-spec.js';
import { distMean, meanArrivalRate, type ScenarioSpec } from '../../../src/index.js';
import { cluster, exponential, nodes, runLength } from '../../helpers/scenarios.js';
import { NodeTable } from '../../../src/model/node-table.js';

const CLI_ALIASES = { jsq: 'join-shortest-queue' };

describe('parsePolicySpec', () => {
  it('reads a bare name, filling the declared defaults', () => {
    expect(parsePolicySpec('random')).toEqual({
      ok: true,
      value: { name: 'random', written: 'random', policy: { name: 'random', params: {} } },
    });
    expect(parsePolicySpec('power-of-d')).toEqual({
      ok: true,
      value: { name: 'power-of-d', written: 'power-of-d', policy: { name: 'power-of-d', params: { d: 2 } } },
    });
  });

  it('reads name:k=v parameters as numbers, and names the variant by them', () => {
    expect(parsePolicySpec(' power-of-d:d=3 ')).toEqual({
      ok: true,
      value: { name: 'power-of-d:d=3', written: 'power-of-d:d=3', policy: { name: 'power-of-d', params: { d: 3 } } },
    });
  });

  it('takes `jsq` for join-shortest-queue only where the aliases are given (the CLI)', () => {
    const withAlias = parsePolicySpec('jsq', { aliases: CLI_ALIASES });
    expect(withAlias).toEqual({
      ok: true,
      value: { name: 'join-shortest-queue', written: 'jsq', policy: { name: 'join-shortest-queue', params: {} } },
    });
    const without = parsePolicySpec('jsq');
    expect(without.ok).toBe(false);
  });

  it('rejects an unknown policy with the valid names and a suggestion', () => {
    const result = parsePolicySpec('round-robbin', { aliases: CLI_ALIASES });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^unknown policy 'round-robbin'\. Valid: random, round-robin, /);
    expect(result.error).toContain('jsq (join-shortest-queue)');
    expect(result.error).toMatch(/did you mean 'round-robin'\?$/);
    const far = parsePolicySpec('lru');
    expect(!far.ok && far.error).not.toContain('did you mean');
  });

  it('checks parameters as a scenario file would: unknown names, types, minimums, malformed parts', () => {
    const error = (text: string) => {
      const result = parsePolicySpec(text);
      return result.ok ? 'ok' : result.error;
    };
    expect(error('power-of-d:e=2')).toBe(
      "policy 'power-of-d:e=2': e: bad value 'e': unknown parameter of policy 'power-of-d'; valid: d; did you mean 'd'?",
    );
    expect(error('power-of-d:d=1.5')).toMatch(/d: bad value '1.5': must be an integer/);
    expect(error('power-of-d:d=0')).toMatch(/must be at least 1/);
    expect(error('power-of-d:d=two')).toMatch(/must be an integer/);
    expect(error('power-of-d:d')).toMatch(/bad parameter 'd'/);
    expect(error('power-of-d:d=2:d=3')).toMatch(/given twice/);
    expect(error('random:x=1')).toMatch(/takes no parameters/);
    expect(error(':d=2')).toMatch(/empty policy name/);
  });
});

describe('parsePolicyList', () => {
  it('reads a comma-separated list in order', () => {
    const result = parsePolicyList('random, round-robin,power-of-d:d=2,jsq', { aliases: CLI_ALIASES });
    expect(result.ok && result.value.map((v) => v.name)).toEqual([
      'random',
      'round-robin',
      'power-of-d:d=2',
      'join-shortest-queue',
    ]);
  });

  it('reports every bad entry, and a policy named twice', () => {
    const result = parsePolicyList('random,lru,jsq,join-shortest-queue', { aliases: CLI_ALIASES });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.error.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^unknown policy 'lru'/);
    expect(lines[1]).toBe("policy 'join-shortest-queue' is named twice");
    expect(parsePolicyList(' , ').ok).toBe(false);
  });
});

describe('withPolicy', () => {
  it('replaces the policy only, leaving the scenario given untouched', () => {
    const spec = cluster({ seed: 's', run: runLength(1, 100), nodes: 2, policy: 'random', rate: 1, work: exponential(1) });
    const info = { mode: 'periodic' as const, refresh: 0.1 };
    const withInfo: ScenarioSpec = { ...spec, balancer: { ...spec.balancer, info, dispatchers: 3 } };
    const changed = withPolicy(withInfo, { name: 'power-of-d', params: { d: 3 } });
    expect(changed.balancer).toEqual({ policy: { name: 'power-of-d', params: { d: 3 } }, info, dispatchers: 3 });
    expect(withInfo.balancer.policy).toEqual({ name: 'random', params: {} });
    // A plug-in the file named does not survive a built-in policy put in its place.
    const plugin: ScenarioSpec = { ...spec, balancer: { policy: { name: 'mine', params: { k: 1 }, module: '/x/mine.js' } } };
    expect(withPolicy(plugin, { name: 'random', params: {} }).balancer.policy).toEqual({ name: 'random', params: {} });
  });
});

describe('parseSweep', () => {
  it('expands from:to:step with both ends, rounded to the decimals written', () => {
    expect(parseSweep('load=0.5:0.95:0.05')).toEqual({
      ok: true,
      value: { parameter: 'load', kind: 'load', values: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] },
    });
    expect(parseSweep('nodes.0.count=2:10:2')).toEqual({
      ok: true,
      value: { parameter: 'nodes.0.count', kind: 'path', values: [2, 4, 6, 8, 10] },
    });
    // A step that does not divide the range stops short of `to`.
    expect(parseSweep('load=0.5:0.9:0.3')).toEqual({ ok: true, value: { parameter: 'load', kind: 'load', values: [0.5, 0.8] } });
    expect(parseSweep('load=0.7:0.7:0.1')).toEqual({ ok: true, value: { parameter: 'load', kind: 'load', values: [0.7] } });
  });

  it('takes a list of values, or one', () => {
    expect(parseSweep('workload.0.arrivals.rate=4,8,16')).toEqual({
      ok: true,
      value: { parameter: 'workload.0.arrivals.rate', kind: 'path', values: [4, 8, 16] },
    });
    expect(parseSweep('load=0.9')).toEqual({ ok: true, value: { parameter: 'load', kind: 'load', values: [0.9] } });
  });

  it('rejects what is not a sweep, saying why', () => {
    const error = (text: string) => {
      const result = parseSweep(text);
      return result.ok ? 'ok' : result.error;
    };
    expect(error('load')).toMatch(/^bad --sweep 'load': write load=0.5:0.95:0.05/);
    expect(error('=0.5:0.9:0.1')).toMatch(/^bad --sweep/);
    expect(error('load=0.5:0.9')).toMatch(/expected three numbers/);
    expect(error('load=0.5:0.9:x')).toMatch(/expected three numbers/);
    expect(error('load=0.5:0.9:0')).toMatch(/the step must be positive/);
    expect(error('load=0.5:0.9:-0.1')).toMatch(/the step must be positive/);
    expect(error('load=0.9:0.5:0.1')).toMatch(/'to' \(0.5\) is below 'from' \(0.9\)/);
    expect(error('load=0:1:0.0001')).toMatch(new RegExp(`10001 points; at most ${MAX_SWEEP_POINTS}`));
    expect(error('load=0:0.5:0.1')).toMatch(/an offered load must be above 0/);
    expect(error('load=0.5,x')).toMatch(/expected numbers/);
    expect(error('load=0.5,0.5')).toMatch(/a value repeats/);
    expect(error('nodes[0]=1,2')).toMatch(/bad --sweep parameter 'nodes\[0\]'/);
  });
});

describe('parseSweeps: a grid of several axes', () => {
  it('spans every combination, the first axis slowest', () => {
    const parsed = parseSweeps(['nodes.0.count=2,4', 'load=0.5:0.9:0.2']);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.map((a) => a.parameter)).toEqual(['nodes.0.count', 'load']);
    expect(gridSize(parsed.value)).toBe(6);
    expect(gridPoints(parsed.value)).toEqual([
      [2, 0.5],
      [2, 0.7],
      [2, 0.9],
      [4, 0.5],
      [4, 0.7],
      [4, 0.9],
    ]);
  });

  it('is one empty point without an axis, and the axis itself with one', () => {
    expect(gridPoints([])).toEqual([[]]);
    const one = parseSweeps(['load=0.5,0.6']);
    expect(one.ok && gridPoints(one.value)).toEqual([[0.5], [0.6]]);
  });

  it('refuses a parameter swept twice, naming it', () => {
    expect(parseSweeps(['load=0.5,0.6', 'load=0.7'])).toEqual({
      ok: false,
      error: "--sweep: 'load' is swept twice; sweep each parameter once",
    });
  });

  it(`refuses a grid of more than ${MAX_SWEEP_POINTS} points, with the arithmetic`, () => {
    expect(parseSweeps(['a.b=1:40:1', 'c.d=1:30:1'])).toEqual({
      ok: false,
      error: `--sweep: the grid has 40 x 30 = 1200 points; at most ${MAX_SWEEP_POINTS}`,
    });
  });

  it('passes on the error of a bad axis', () => {
    const parsed = parseSweeps(['load=0.5', 'nodes.0.count=4:2:1']);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/'to' \(2\) is below 'from' \(4\)/);
  });
});

describe('offered load and scaleToLoad', () => {
  /** Three classes with each arrival process, on nodes of two sizes: capacity 2 x 1 x 1 + 1 x 4 x 0.5 = 4. */
  function mixed(): ScenarioSpec {
    const spec = cluster({
      seed: 'load',
      run: runLength(1, 100),
      nodes: 2,
      policy: 'random',
      classes: [
        { name: 'poisson', rate: 2, work: exponential(0.5) },
        { name: 'steady', arrivals: { process: 'deterministic', rate: 1 }, work: { dist: 'uniform', min: 0, max: 1 } },
        {
          name: 'bursts',
          arrivals: { process: 'onoff', rateOn: 3, rateOff: 0.5, meanOn: 1, meanOff: 3 },
          work: { dist: 'constant', value: 0.4 },
        },
      ],
    });
    return { ...spec, nodes: NodeTable.of([...spec.nodes, ...nodes(1, { cores: 4, speed: 0.5 }, 'big')]) };
  }

  it('is the arriving work over the capacity (sum of cores x speed)', () => {
    // poisson 2 x 0.5 = 1; steady 1 x 0.5 = 0.5; bursts (3 x 1 + 0.5 x 3) / 4 = 1.125 req/s x 0.4 = 0.45.
    expect(offeredLoad(mixed())).toBeCloseTo((1 + 0.5 + 0.45) / 4, 12);
  });

  it('scales every class alike so that the offered load computed back is each target', () => {
    const spec = mixed();
    const rates = (s: ScenarioSpec) => s.workload.map((c) => meanArrivalRate(c.arrivals));
    for (const target of [0.1, 0.5, 0.55, 0.9, 0.95, 1.2]) {
      const scaled = scaleToLoad(spec, target);
      expect(offeredLoad(scaled), `load ${target}`).toBeCloseTo(target, 12);
      // Recomputed from scratch, the way the brief defines it, with the library's distMean and meanArrivalRate.
      const work = scaled.workload.reduce((sum, c) => sum + meanArrivalRate(c.arrivals) * distMean(c.work), 0);
      const capacity = scaled.nodes.reduce((sum, n) => sum + n.cores * n.speed, 0);
      expect(work / capacity).toBeCloseTo(target, 12);
      // The mix of classes stays: every rate scaled by one factor.
      const factor = target / offeredLoad(spec);
      rates(scaled).forEach((rate, i) => expect(rate).toBeCloseTo(rates(spec)[i] * factor, 12));
      // On/off keeps its burstiness: both rates scaled, the sojourns unchanged.
      const bursts = scaled.workload[2].arrivals;
      expect(bursts).toEqual({ process: 'onoff', rateOn: 3 * factor, rateOff: 0.5 * factor, meanOn: 1, meanOff: 3 });
      expect(scaled.nodes).toBe(spec.nodes);
    }
    expect(offeredLoad(spec)).toBeCloseTo(1.95 / 4, 12); // untouched
  });

  it('cannot scale a load of 0 or of infinite work, and says so first', () => {
    const spec = mixed();
    const heavy: ScenarioSpec = { ...spec, workload: [{ ...spec.workload[0], work: { dist: 'pareto', shape: 1, mean: 1 } }] };
    expect(loadSweepProblem(spec)).toBeUndefined();
    expect(loadSweepProblem(heavy)).toMatch(/its offered load is Infinity/);
    expect(() => scaleToLoad(heavy, 0.5)).toThrow(/cannot scale/);
  });

  it('a trace is scaled through its scaleRate; its load is its rows over its span', () => {
    const spec = mixed();
    // 300 rows over 100 s, replayed twice as fast: 6 req/s of 0.5 s work = 3 work-seconds/s on a capacity of 4.
    const trace = { process: 'trace' as const, file: '/t.csv', speedup: 2, scaleRate: 1, rows: 300, span: 100 };
    const traced: ScenarioSpec = { ...spec, workload: [{ ...spec.workload[0], arrivals: trace }] };
    expect(offeredLoad(traced)).toBeCloseTo(3 / 4, 12);
    expect(scaleToLoad(traced, 0.375).workload[0].arrivals).toEqual({ ...trace, scaleRate: 0.5 });
  });

  it('a closed loop cannot be scaled to a load: it says which class and what to sweep instead', () => {
    const spec = mixed();
    const closed: ScenarioSpec = {
      ...spec,
      workload: [...spec.workload, { ...spec.workload[0], name: 'users', arrivals: { process: 'closed', population: 10, thinkTime: exponential(2) } }],
    };
    expect(loadSweepProblem(closed)).toBe(
      "class 'users' is a closed loop, whose load is set by its clients (population and think time), not by a rate: " +
        'sweep workload.<i>.clients.population or workload.<i>.clients.thinkTime instead',
    );
    expect(() => scaleToLoad(closed, 0.5)).toThrow(/cannot scale/);
  });
});
