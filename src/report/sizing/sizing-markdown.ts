import type { SizingOutcome } from '../../experiment/sizing.js';
import { formatCount, formatTrimmed } from '../format.js';
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

const fixedText = (fixed: Record<string, number>) =>
  Object.entries(fixed)
    .map(([path, value]) => `${path} = ${value}`)
    .join(', ');

/** sizing.md: the answer first, then each search's points with their objectives. */
export function buildSizingMarkdown(plan: SizingPlan, outcome: SizingOutcome): string {
  const lines = [`# Sizing: ${plan.scenario}`, ''];
  const best = outcome.best;
  const others = plan.others.length === 0 ? '' : ` and ${plan.others.map((o) => o.path).join(', ')}`;
  if (best === null) lines.push(`**No value of ${plan.path} from ${plan.lo} to ${plan.hi}${others} passes every objective.**`);
  else {
    const fixed = fixedText(best.fixed);
    const cost = best.cost === null ? '' : ` (cost ${formatTrimmed(best.cost, 6)})`;
    lines.push(
      plan.others.length === 0
        ? `**Answer: ${plan.path} = ${best.result.answer}**, the smallest value from ${plan.lo} to ${plan.hi} whose objectives all pass${cost}.`
        : `**Answer: ${plan.path} = ${best.result.answer}, ${fixed}**, the cheapest configuration whose objectives all pass${cost}.`,
    );
  }
  lines.push('', MONOTONE_ASSUMPTION, '', `Seed ${plan.seed}; at most ${formatCount(plan.maxReplications)} replications per point.`);
  if (plan.others.length > 0) {
    lines.push('', '## Candidates', '', `The smallest passing ${plan.path} for each combination of the other fields, and its cost.`, '');
    lines.push(
      ...markdownTable(
        [...plan.others.map((o) => o.path), plan.path, 'cost'],
        outcome.series.map((s) => [
          ...plan.others.map((o) => String(s.fixed[o.path])),
          s.result.answer === null ? 'none passes' : String(s.result.answer),
          s.cost === null ? '–' : formatTrimmed(s.cost, 6),
        ]),
        [...plan.others.map(() => true), true, true],
      ),
    );
  }
  for (const series of outcome.series) {
    const heading = plan.others.length === 0 ? 'Points' : `Points at ${fixedText(series.fixed)}`;
    lines.push('', `## ${heading}`, '');
    lines.push(
      ...markdownTable(
        [plan.path, 'replications', 'verdict'],
        series.result.points.map((p) => [String(p.value), formatCount(p.replications), p.verdict.toUpperCase()]),
        [true, true, false],
      ),
    );
    for (const point of series.result.points) {
      const where = plan.others.length === 0 ? '' : `, ${fixedText(series.fixed)}`;
      lines.push('', `### ${plan.path} = ${point.value}${where} (${formatCount(point.replications)} replications)`, '');
      lines.push(...markdownTable(SLO_COLUMNS, sloCheckRows(point.objectives), [false, true, true, true, false]));
    }
  }
  return `${lines.join('\n')}\n`;
}
