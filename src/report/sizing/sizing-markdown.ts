import type { SizingResult } from '../../experiment/sizing.js';
import { formatCount } from '../format.js';
import { markdownTable } from '../markdown-table.js';
import { SLO_COLUMNS, sloCheckRows } from '../reliability-figures.js';
import type { SizingPlan } from './sizing-json.js';

/** The monotonicity the search relies on, said wherever its answer is. */
export const MONOTONE_ASSUMPTION =
  'The search assumes the objectives are monotone in the varied field: a larger value never fails where a smaller ' +
  'one passed (true of node counts and cores under a fixed load; check it for other fields). It gallops from the ' +
  'low end (steps 1, 2, 4, ...) to the first passing value, then bisects. Every point runs with the same seed ' +
  '(common random numbers), and a point whose verdict is inconclusive is rerun with twice the replications, up to ' +
  'the maximum; one still inconclusive there does not pass.';

/** sizing.md: the answer first, then every point with its objectives. */
export function buildSizingMarkdown(plan: SizingPlan, result: SizingResult): string {
  const lines = [`# Sizing: ${plan.scenario}`, ''];
  lines.push(
    result.answer === null
      ? `**No value of ${plan.path} from ${plan.lo} to ${plan.hi} passes every objective.**`
      : `**Answer: ${plan.path} = ${result.answer}**, the smallest value from ${plan.lo} to ${plan.hi} whose objectives all pass.`,
  );
  lines.push('', MONOTONE_ASSUMPTION, '', `Seed ${plan.seed}; at most ${formatCount(plan.maxReplications)} replications per point.`);
  lines.push('', '## Points', '');
  lines.push(
    ...markdownTable(
      [plan.path, 'replications', 'verdict'],
      result.points.map((p) => [String(p.value), formatCount(p.replications), p.verdict.toUpperCase()]),
      [true, true, false],
    ),
  );
  for (const point of result.points) {
    lines.push('', `### ${plan.path} = ${point.value} (${formatCount(point.replications)} replications)`, '');
    lines.push(...markdownTable(SLO_COLUMNS, sloCheckRows(point.objectives), [false, true, true, true, false]));
  }
  return `${lines.join('\n')}\n`;
}
