/**
 * The `sweep:` block (issue 15, item 4): the axes of a study in the scenario file, as a list of values or a range,
 * resolved into `spec.sweep`; every mistake reported at its key, with positions counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { BASE, errorsOf, load, yaml } from './helpers.js';

/** BASE (lines 1 to 10), then `sweep:` on line 11 and the given lines from line 12. */
const swept = (...lines: string[]): string => yaml(...BASE, 'sweep:', ...lines);

const AXIS_VALID = '{ parameter, values: [v1, v2, ...] } or { parameter, from, to, step }';

describe('sweep: block', () => {
  it('resolves values and ranges into axes, a range rounded to the decimals written', () => {
    const result = load(swept('  - parameter: nodes.0.count', '    values: [2, 4, 8]', '  - { parameter: load, from: 0.5, to: 0.8, step: 0.15 }'));
    expect(result.errors).toEqual([]);
    expect(result.spec?.sweep).toEqual([
      { parameter: 'nodes.0.count', kind: 'path', values: [2, 4, 8] },
      { parameter: 'load', kind: 'load', values: [0.5, 0.65, 0.8] },
    ]);
  });

  it('is absent from the spec when the file has none', () => {
    expect(load(yaml(...BASE)).spec?.sweep).toBeUndefined();
  });

  it('reports each mistake at its key', () => {
    expect(
      errorsOf(
        swept(
          '  - { parameter: load, from: 0.9, to: 0.5, step: 0.1 }', //  12
          '  - { parameter: x.y, values: [1, 1] }', //                  13
          '  - { parameter: z }', //                                    14
          '  - { parameter: w, values: [1], step: 1 }', //              15
          '  - { parameter: v, from: 1, to: 2 }', //                    16
          '  - { parameter: load, values: [0, 0.5] }', //              17
        ),
      ),
    ).toEqual([
      "t.yaml:12:39: sweep.0.to: bad value '0.5': 'to' (0.5) is below 'from' (0.9); valid: a step > 0 with from <= to",
      "t.yaml:13:31: sweep.1.values: bad value '1': a value repeats; valid: distinct numbers",
      `t.yaml:14:5: sweep.2: no values: give values or from, to and step; valid: ${AXIS_VALID}`,
      `t.yaml:15:5: sweep.3: give values or from/to/step, not both; valid: ${AXIS_VALID}`,
      `t.yaml:16:5: sweep.4: a range needs from, to and step; step missing; valid: ${AXIS_VALID}`,
      "t.yaml:17:32: sweep.5.values: bad value '0': an offered load must be above 0; valid: numbers > 0",
    ]);
  });

  it('refuses a parameter swept twice and a misspelt key, with a suggestion', () => {
    expect(errorsOf(swept('  - { parameter: load, values: [0.5] }', '  - { parameter: load, values: [0.7] }'))).toEqual([
      "t.yaml:12:3: sweep: 'load' is swept twice; sweep each parameter once; valid: distinct parameters, at most 1000 points in all",
    ]);
    const misspelt = errorsOf(swept('  - { parameter: load, valuse: [0.5] }'));
    expect(misspelt.some((e) => e.includes("sweep.0.valuse: bad value 'valuse': unknown key") && e.includes("did you mean 'values'?"))).toBe(true);
  });

  it('refuses a grid of more than 1000 points', () => {
    expect(errorsOf(swept('  - { parameter: a, from: 1, to: 40, step: 1 }', '  - { parameter: b, from: 1, to: 30, step: 1 }'))).toEqual([
      "t.yaml:12:3: sweep: the grid has 40 x 30 = 1200 points; at most 1000; valid: distinct parameters, at most 1000 points in all",
    ]);
  });
});
