import { describe, expect, test } from 'vitest';
import { errorsOf, load, yaml } from './helpers.js';

/**
 * Timeline add and remove steps (issue 11, part 4): each mistake checked for the whole message, positions counted
 * by hand; then what a valid file resolves to.
 */

/** web-0 .. web-2 and db-0 .. db-1; the timeline's steps from line 12. */
const CLUSTER = [
  'duration: 1h', //                                 1
  'nodes:', //                                       2
  '  - { group: web, count: 3 }', //                 3
  '  - { group: db, count: 2 }', //                  4
  'workload:', //                                    5
  '  - class: api', //                               6
  '    arrivals: { process: poisson, rate: 1/s }', // 7
  '    work: 100ms', //                              8
  'failures:', //                                    9
  '  - kind: timeline', //                           10
  '    steps:', //                                   11
] as const;

const steps = (...lines: string[]): string => yaml(...CLUSTER, ...lines.map((line) => `      - ${line}`));

describe('valid steps', () => {
  test('add and remove resolve in file order, with their defaults (count 1, drain true)', () => {
    const result = load(steps('{ at: 10min, add: { group: web, count: 2 } }', '{ at: 20min, add: { group: db } }', '{ at: 30min, remove: { node: web-4 } }', '{ at: 40min, remove: { node: web-0, drain: false } }'));
    expect(result.errors).toEqual([]);
    expect(result.spec!.reliability!.failures).toEqual([
      {
        kind: 'timeline',
        steps: [
          { at: 600, add: { group: 'web', count: 2 } },
          { at: 1200, add: { group: 'db', count: 1 } },
          { at: 1800, remove: { node: 'web-4', drain: true } },
          { at: 2400, remove: { node: 'web-0', drain: false } },
        ],
      },
    ]);
  });
});

describe('bad steps', () => {
  // "      - { at: 1min, add: { group: " is 34 characters: the group's value at column 35
  test('an unknown group, with a suggestion', () => {
    expect(errorsOf(steps('{ at: 1min, add: { group: wbe, count: 2 } }'))).toEqual([
      "t.yaml:12:35: failures.0.steps.0.add.group: bad value 'wbe': names no group of nodes; valid: a group of nodes (web, db); did you mean 'web'?",
    ]);
  });

  // "      - { at: 1min, add: { group: web, count: " is 46 characters: the count at column 47
  test('a count below 1', () => {
    expect(errorsOf(steps('{ at: 1min, add: { group: web, count: 0 } }'))[0]).toMatch(/^t\.yaml:12:47: failures\.0\.steps\.0\.add\.count: bad value '0': /);
  });

  // The scenario's 5 nodes and 999 990 added are 999 995; 10 more pass the limit of 10^6 nodes (fuzz case 39 of seed
  // 20251206 added 2.7e29 and crashed: "Set maximum size exceeded"). The second step's count at column 46.
  test('adding more nodes than the limit, counting every node added so far', () => {
    expect(errorsOf(steps('{ at: 1min, add: { group: web, count: 999990 } }', '{ at: 2min, add: { group: db, count: 10 } }'))).toEqual([
      "t.yaml:13:46: failures.0.steps.1.add.count: bad value '10': too many nodes: 1000005 with this step (the scenario's " +
        'nodes and every node added so far); valid: at most 1000000 nodes in all, counting each node added',
    ]);
  });

  // "      - { at: 1min, remove: { node: " is 36 characters: the node at column 37
  test('a node that does not exist when the step happens (web-3 only exists once added)', () => {
    expect(errorsOf(steps('{ at: 1min, remove: { node: web-3 } }', '{ at: 2min, add: { group: web } }'))).toEqual([
      "t.yaml:12:37: failures.0.steps.0.remove.node: bad value 'web-3': names no node present when the step happens; " +
        'valid: a node name (web-0, web-1, web-2, db-0, db-1; nodes added by earlier steps count); ' +
        "did you mean 'web-0'?",
    ]);
  });

  test('removing a node twice', () => {
    expect(errorsOf(steps('{ at: 1min, remove: { node: db-1 } }', '{ at: 2min, remove: { node: db-1 } }'))).toEqual([
      "t.yaml:13:37: failures.0.steps.1.remove.node: bad value 'db-1': removes db-1 twice: failures.0.steps.0 removed it already; " +
        'valid: a node present when the step happens (web-0, web-1, web-2, db-0)',
    ]);
  });

  test('removing the last node', () => {
    const text = yaml(
      'duration: 1h',
      'nodes: [{ group: web, count: 1 }]',
      'workload: [{ class: api, arrivals: { process: poisson, rate: 1/s }, work: 100ms }]',
      'failures: [{ kind: timeline, steps: [{ at: 1min, remove: { node: web-0 } }] }]',
    );
    // "failures: [{ kind: timeline, steps: [{ at: 1min, remove: { node: " is 65 characters: web-0 at column 66
    expect(errorsOf(text)).toEqual([
      "t.yaml:4:66: failures.0.steps.0.remove.node: bad value 'web-0': would remove the last node: a cluster keeps at least 1 node; " +
        'valid: add a node before removing this one, or remove the step',
    ]);
  });

  // "      - { at: 1min, add: { group: web }, " is 41 characters: the key for at column 42
  test('a duration on a membership step', () => {
    expect(errorsOf(steps('{ at: 1min, add: { group: web }, for: 1min }'))).toEqual([
      "t.yaml:12:42: failures.0.steps.0.for: bad value 'for': for belongs to a crash, partition or slow step, not to an add " +
        'step (a membership change lasts); valid: remove for',
    ]);
  });

  test('a crash step without for', () => {
    expect(errorsOf(steps('{ at: 1min, crash: web-1 }'))).toEqual([
      't.yaml:12:9: failures.0.steps.0.for: missing required key: a crash step needs for (how long it lasts); valid: a duration > 0, e.g. 30s',
    ]);
  });

  test('membership changes on the single-leader topology', () => {
    const text = yaml(...CLUSTER, '      - { at: 1min, add: { group: web } }', 'topology: { kind: single-leader, mode: replicated }');
    // "      - { at: 1min, " is 20 characters: the key add at column 21
    expect(errorsOf(text)).toEqual([
      "t.yaml:12:21: failures.0.steps.0.add: bad value 'add': membership changes are not modelled for single-leader; " +
        'valid: crash, partition and slow steps; add and remove need a topology that models them (direct, leaderless)',
    ]);
  });
});
