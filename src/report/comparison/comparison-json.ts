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

function pointJson(comparison: Comparison, point: ComparisonPoint): Record<string, unknown> {
  const key = comparison.sweep?.kind === 'load' ? 'load' : 'value';
  return { [key]: point.value, variants: point.variants.map(variantJson) };
}

/**
 * The comparison as JSON. Without a sweep the variants are at the top (`variants`); with one, per point
 * (`points: [{ load, variants }]`, or `{ value, variants }` for a sweep of a scenario field). Key order is fixed
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
      comparison.sweep === null
        ? null
        : { parameter: comparison.sweep.parameter, kind: comparison.sweep.kind, values: comparison.sweep.values },
  };
  const body =
    comparison.sweep === null
      ? { variants: comparison.points[0].variants.map(variantJson) }
      : { points: comparison.points.map((p) => pointJson(comparison, p)) };
  return `${JSON.stringify({ ...head, ...body, warnings: comparison.warnings }, null, 2)}\n`;
}
