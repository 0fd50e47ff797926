/**
 * `clients: { population, thinkTime }` in the scenario file: the resolved closed loop (durations in seconds), and
 * the errors as the user sees them, with their positions.
 */
import { describe, expect, test } from 'vitest';
import { errorsOf, load, warningsOf, withLine, yaml } from './helpers.js';

const withClients = (clients: string) => yaml(...withLine(9, `    clients: ${clients}`));

describe('closed-loop clients', () => {
  test('resolve to a closed arrival process whose clients are the client ids', () => {
    const result = load(withClients('{ population: 200, thinkTime: { dist: exponential, mean: 5s } }'));
    expect(result.errors).toEqual([]);
    expect(result.spec?.workload[0].arrivals).toEqual({
      process: 'closed',
      population: 200,
      thinkTime: { dist: 'exponential', mean: 5 },
    });
    expect(result.spec?.workload[0].clients).toBe(200);
  });

  test('a constant think time', () => {
    expect(load(withClients('{ population: 3, thinkTime: 250ms }')).spec?.workload[0].arrivals).toEqual({
      process: 'closed',
      population: 3,
      thinkTime: { dist: 'constant', value: 0.25 },
    });
  });

  test('a class with both arrivals and closed-loop clients: one error naming both', () => {
    const text = yaml(...withLine(10, '    work: 100ms'), '    clients: { population: 5, thinkTime: 1s }');
    expect(errorsOf(text)).toEqual([
      "t.yaml:9:5: workload.0.arrivals: a class has arrivals or closed-loop clients, not both (workload.0.clients sends " +
        'the requests); valid: remove workload.0.arrivals, or write workload.0.clients as an integer (client ids only)',
    ]);
  });

  test('a class with neither, a missing think time, a population of 0', () => {
    expect(errorsOf(yaml(...withLine(9, '    op: compute')))).toEqual([
      't.yaml:8:5: workload.0.arrivals: missing required key: a class needs arrivals or closed-loop clients; valid: ' +
        'arrivals: { process: poisson, rate: 9/s } (or another process), or clients: { population: 200, thinkTime: 5s }',
    ]);
    expect(errorsOf(withClients('{ population: 5 }'))).toEqual([
      't.yaml:9:14: workload.0.clients.thinkTime: missing required key; valid: a duration (a constant, e.g. 150ms) or ' +
        'a distribution such as { dist: exponential, mean: 150ms }',
    ]);
    expect(errorsOf(withClients('{ population: 0, thinkTime: 1s }'))).toEqual([
      "t.yaml:9:28: workload.0.clients.population: bad value '0': must be at least 1; valid: an integer from 1 to 1000000",
    ]);
  });

  test('a think time of mean 0: an error (a request that fails at once would be sent again at once, for ever)', () => {
    expect(errorsOf(withClients('{ population: 3, thinkTime: 0s }'))).toEqual([
      "t.yaml:9:42: workload.0.clients.thinkTime: bad value '0s': a think time of mean 0: a client whose request fails " +
        'at once would send again at the same instant, for ever; valid: a think time with a mean above 0 (a load ' +
        'generator: e.g. 1ms)',
    ]);
  });

  test('an integer clients still means client ids beside arrivals', () => {
    const result = load(yaml(...BASE_WITH_IDS));
    expect(result.errors).toEqual([]);
    expect(result.spec?.workload[0].arrivals.process).toBe('poisson');
    expect(result.spec?.workload[0].clients).toBe(50);
  });

  test('a closed loop is never warned about as an overload: at most population requests are out', () => {
    // 1000 clients that think 1 ms, 1 s of work each, on 2 cores: an open process at that rate would be warned about.
    const warnings = warningsOf(withClients('{ population: 1000, thinkTime: 1ms }').replace('work: 100ms', 'work: 1s'));
    expect(warnings.filter((w) => w.includes('offered load'))).toEqual([]);
    const open = warningsOf(yaml(...withLine(9, '    arrivals: { process: poisson, rate: 1000/s }')).replace('work: 100ms', 'work: 1s'));
    expect(open.filter((w) => w.includes('offered load'))).toHaveLength(1);
  });
});

const BASE_WITH_IDS = [...withLine(10, '    work: 100ms'), '    clients: 50'];
