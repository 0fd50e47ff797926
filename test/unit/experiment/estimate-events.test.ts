import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { estimateEvents } from '../../../src/experiment/estimate-events.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { loadScenario, parseSetArgument } from '../../../src/scenario/index.js';

function scenario(file: string, ...sets: string[]): ScenarioSpec {
  const overrides = sets.map((set) => parseSetArgument(set)!);
  const { spec, errors } = loadScenario(readFileSync(file, 'utf8'), { file, overrides });
  expect(errors).toEqual([]);
  return spec!;
}

function inline(text: string): ScenarioSpec {
  const { spec, errors } = loadScenario(text, { file: 't.yaml' });
  expect(errors).toEqual([]);
  return spec!;
}

const NODES_AND_WORK = 'nodes:\n  - group: n\n    count: 2\nworkload:\n  - class: c\n    work: 10ms\n';

describe('estimateEvents: rate x (warm-up + window) x events per request x replications', () => {
  test('direct (web-tier): 9/s x (10 min + 2 h) x 5 x 5 replications', () => {
    const estimate = estimateEvents(scenario('scenarios/web-tier.yaml'));
    expect(estimate).toEqual({
      topology: 'direct',
      arrivalRate: 9,
      simulatedSeconds: 7800,
      eventsPerRequest: 5,
      replications: 5,
      eventsPerReplication: 9 * 7800 * 5,
      events: 9 * 7800 * 5 * 5,
    });
  });

  test('single-leader replicated (async-vs-quorum): two classes, 500 + 200 /s, 125 s, 10 per request', () => {
    const estimate = estimateEvents(scenario('scenarios/async-vs-quorum.yaml'));
    expect([estimate.topology, estimate.arrivalRate, estimate.simulatedSeconds]).toEqual(['replicated', 700, 125]);
    expect(estimate.events).toBeCloseTo(700 * 125 * 10 * 5, 6);
  });

  test('scheduler (scheduler-saturation): 900/s x 130 s x 7 x 3 replications', () => {
    const estimate = estimateEvents(scenario('scenarios/scheduler-saturation.yaml'));
    expect(estimate.topology).toBe('scheduler');
    expect(estimate.events).toBeCloseTo(900 * 130 * 7 * 3, 6);
  });

  test('a request count becomes seconds at the arrival rate; warm-up requests too', () => {
    const spec = inline(
      'name: t\nrequests: 1000\nwarmup: 5s\nwarmupRequests: 200\nreplications: 2\n' +
        NODES_AND_WORK.replace('work: 10ms', 'work: 10ms\n    arrivals: { process: poisson, rate: 10/s }'),
    );
    const estimate = estimateEvents(spec);
    expect(estimate.simulatedSeconds).toBeCloseTo(5 + 20 + 100, 9);
    expect(estimate.events).toBeCloseTo(125 * 10 * 5 * 2, 6);
  });

  test('on/off arrivals count at their mean rate: 100/s a quarter of the time is 25/s', () => {
    const spec = inline(
      'name: t\nduration: 100s\nwarmup: 0s\nreplications: 1\n' +
        NODES_AND_WORK.replace('work: 10ms', 'work: 10ms\n    arrivals: { process: onoff, rateOn: 100/s, rateOff: 0/s, meanOn: 1s, meanOff: 3s }'),
    );
    expect(estimateEvents(spec).events).toBeCloseTo(25 * 100 * 5, 6);
  });

  test('maxEvents bounds each replication', () => {
    const estimate = estimateEvents(scenario('scenarios/web-tier.yaml', 'maxEvents=1000'));
    expect([estimate.eventsPerReplication, estimate.events]).toEqual([1000, 5000]);
  });
});
