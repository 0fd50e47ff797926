/** comparison.json: per variant its name, policy or file, the figures of summary.json and the paired differences. */
import type { Comparison, ComparedVariant, ComparisonPoint } from '../../experiment/compare.js';

function variantJson(variant: ComparedVariant): Record<string, unknown> {
  return {
    name: variant.name,
    baseline: variant.baseline,
    policy: variant.policy,
    file: variant.file,
    offeredLoad: variant.offeredLoad,
    summary: variant.summary,
    differences: variant.differences,
  };
}

/** One axis: `{ load, variants }` or `{ value, variants }`; a grid: `{ values: { <parameter>: v, ... }, variants }`. */
function pointJson(comparison: Comparison, point: ComparisonPoint): Record<string, unknown> {
  const variants = point.variants.map(variantJson);
  const axes = comparison.sweeps;
  if (axes.length === 1) return { [axes[0].kind === 'load' ? 'load' : 'value']: point.values[0], variants };
  return { values: Object.fromEntries(axes.map((axis, i) => [axis.parameter, point.values[i]])), variants };
}

function axisJson(axis: Comparison['sweeps'][number]): Record<string, unknown> {
  return { parameter: axis.parameter, kind: axis.kind, values: axis.values };
}

/**
 * The comparison as JSON. Without a sweep the variants are at the top (`variants`); with one, per point
 * (`points: [{ load, variants }]`, or `{ value, variants }` for a sweep of a scenario field); with a grid of several
 * axes, `sweep` lists them and each point is `{ values: { <parameter>: v, ... }, variants }`. Key order is fixed
 * here and in the summary, so the same comparison gives the same bytes.
 */
export function buildComparisonJson(comparison: Comparison): string {
  const head = {
    scenario: comparison.scenario,
    seed: comparison.seed,
    replications: comparison.replications,
    baseline: comparison.baseline,
    commonRandomNumbers: true,
    percentileRelativeError: comparison.percentileRelativeError,
    sweep:
      comparison.sweeps.length === 0
        ? null
        : comparison.sweeps.length === 1
          ? axisJson(comparison.sweeps[0])
          : comparison.sweeps.map(axisJson),
  };
  const body =
    comparison.sweeps.length === 0
      ? { variants: comparison.points[0].variants.map(variantJson) }
      : { points: comparison.points.map((p) => pointJson(comparison, p)) };
  return `${JSON.stringify({ ...head, ...body, warnings: comparison.warnings }, null, 2)}\n`;
}
