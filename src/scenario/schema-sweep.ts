/** The `sweep:` block of a scenario: the axes of a study, which `clustersim compare` spans when no --sweep is given. */
import { Type } from '@sinclair/typebox';
import { Closed, PlainNumber, VALID } from './schema-parts.js';
import { MAX_SWEEP_POINTS, SWEEP_PARAMETER_PATTERN } from './sweep-grid.js';

export const SWEEP_AXIS_VALID = '{ parameter, values: [v1, v2, ...] } or { parameter, from, to, step }';

const SweepAxisSchema = Closed(
  {
    parameter: Type.String({
      pattern: SWEEP_PARAMETER_PATTERN,
      description:
        "What the axis varies: 'load' (the offered load; every class's arrival rate scaled alike) or a numeric " +
        'scenario field by its dotted path, as for --set (e.g. nodes.0.count).',
      [VALID]: "'load' or a dotted scenario path such as nodes.0.count",
    }),
    values: Type.Optional(
      Type.Array(PlainNumber({ description: 'One value of the axis.' }), {
        minItems: 1,
        maxItems: MAX_SWEEP_POINTS,
        description: 'The values, in the order the points run.',
        [VALID]: `a list of 1 to ${MAX_SWEEP_POINTS} numbers`,
      }),
    ),
    from: Type.Optional(PlainNumber({ description: 'First value of a range (with to and step).' })),
    to: Type.Optional(PlainNumber({ description: 'Last value of a range, included when step divides to - from.' })),
    step: Type.Optional(PlainNumber({ description: 'Step of a range (> 0).' })),
  },
  { description: 'One axis: a parameter and its values, as a list or a range.', [VALID]: SWEEP_AXIS_VALID },
);

export const SweepSchema = Type.Array(SweepAxisSchema, {
  minItems: 1,
  description:
    'The axes of a study: `clustersim compare` runs every variant at every combination of their values (a grid), ' +
    `at most ${MAX_SWEEP_POINTS} points; --sweep on the command line replaces them. clustersim run ignores them.`,
  [VALID]: `a non-empty list of axes, ${SWEEP_AXIS_VALID}`,
});
