/**
 * `compare`: several variants of one scenario (other dispatch policies, or other scenario files) run with common
 * random numbers, and each figure of each variant set against a baseline variant as a paired difference with its
 * confidence interval, so that a difference smaller than the noise shows as such.
 *
 * Common random numbers: every variant runs with the same root seed and the same number of replications, so
 * replication r of every variant draws from `replicationStreams(seed, r)`. Arrivals and work come from per-class
 * named streams that do not depend on the policy or on the nodes, so replication r of every variant sees the same
 * requests at the same times; what differs is only what the variants do with them.
 */
import type { PolicySpec, ScenarioSpec } from '../model/spec.js';
import { loadPolicyModule } from '../policies/plugin.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { LatencySketch } from '../metrics/latency-sketch.js';
import { figureVectors, pairedDifferences, type ComparedFigures, type PairedDifference } from './compare-figures.js';
import { offeredLoad, type SweepSpec } from './compare-spec.js';
import type { HistogramRow, Summary } from './result.js';
import { forEachReplication } from './run.js';
import { ResultAccumulator } from './summary/result-accumulator.js';

export interface VariantInput {
  /** Unique within the comparison: `power-of-d:d=2`, or a scenario's name. */
  name: string;
  spec: ScenarioSpec;
  /** The scenario file this variant was loaded from, when the variants are files; null for policy variants. */
  file: string | null;
}

export interface PointInput {
  /** The sweep value at this point (the offered load for a load sweep); null without a sweep. */
  value: number | null;
  /** The same variant names in the same order at every point. */
  variants: VariantInput[];
}

export interface ComparisonPlan {
  /** Names the comparison and its folder (`<scenario>-compare`). */
  scenario: string;
  /** The name of the variant every other one is compared with. */
  baseline: string;
  sweep: SweepSpec | null;
  points: PointInput[];
}

export interface ComparedVariant {
  name: string;
  /** True for the baseline, whose differences are all 0. */
  baseline: boolean;
  /** The dispatch policy the variant ran (for file variants, the one its file names). */
  policy: PolicySpec;
  file: string | null;
  /** Offered load of the variant as run: arrived work-seconds per second over the sum of cores x speed. */
  offeredLoad: number;
  /** Exactly what summary.json of `clustersim run` on the variant would hold. */
  summary: Summary;
  /** Per figure, the paired difference variant - baseline over replications. */
  differences: ComparedFigures<PairedDifference>;
  /**
   * Per figure, its value in each replication r (what the differences pair; null where the replication had no
   * sample of it); not written to comparison.json.
   */
  replicationValues: ComparedFigures<(number | null)[]>;
  /** The response-time histogram pooled over replications, for the CDF chart (not written to comparison.json). */
  histogram: HistogramRow[];
}

export interface ComparisonPoint {
  value: number | null;
  variants: ComparedVariant[];
}

export interface Comparison {
  scenario: string;
  /** The root seed every variant ran with (at the first point; a sweep of `seed` changes it per point). */
  seed: string;
  /** The replication count every variant ran with (at the first point, likewise). */
  replications: number;
  baseline: string;
  percentileRelativeError: number;
  sweep: SweepSpec | null;
  points: ComparisonPoint[];
  /** What the reader should know: seeds or replication counts unified, runs stopped early, overload. */
  warnings: string[];
}

export interface CompareOptions {
  /** Progress over every run of the comparison, 0 .. 1. */
  onProgress?: (fraction: number) => void;
}

/** One variant's run at one point, before it is paired with the baseline. */
interface VariantRun {
  input: VariantInput;
  spec: ScenarioSpec;
  vectors: ComparedFigures<(number | null)[]>;
  summary: Summary;
  histogram: HistogramRow[];
}

function planProblem(plan: ComparisonPlan): string | undefined {
  if (plan.points.length === 0) return 'no point to run';
  const names = plan.points[0].variants.map((v) => v.name);
  if (names.length === 0) return 'no variant to run';
  if (new Set(names).size !== names.length) return `two variants share a name: ${names.join(', ')}`;
  if (!names.includes(plan.baseline)) return `the baseline '${plan.baseline}' is none of the variants: ${names.join(', ')}`;
  for (const point of plan.points) {
    const here = point.variants.map((v) => v.name);
    if (here.join('\n') !== names.join('\n')) return `every point needs the variants ${names.join(', ')}; one has ${here.join(', ')}`;
  }
  if (plan.sweep !== null && plan.points.some((p) => p.value === null)) return 'a sweep point without its value';
  return undefined;
}

/** `load 0.9: ` or `nodes.0.count 4: `, the prefix of a warning about one point; empty without a sweep. */
function pointPrefix(sweep: SweepSpec | null, value: number | null): string {
  return sweep === null || value === null ? '' : `${sweep.parameter} ${value}: `;
}

/**
 * Runs every variant at every point with common random numbers and pairs each with the baseline. The baseline's
 * seed and replication count at each point are given to every variant there, with a warning where a variant's own
 * differed: pairing needs replication r of each variant on the same streams.
 */
export async function runComparison(plan: ComparisonPlan, options: CompareOptions = {}): Promise<Comparison> {
  const problem = planProblem(plan);
  if (problem !== undefined) throw new Error(`compare: ${problem}`);
  // Pairing needs replication r of every variant on the same streams: at each point, the baseline's seed and
  // replication count for all (they differ between points only when the sweep sets them).
  const baselineAt = (point: PointInput) => point.variants.find((v) => v.name === plan.baseline)!.spec;
  const seed = baselineAt(plan.points[0]).seed;
  const replications = baselineAt(plan.points[0]).run.replications;
  const warnings: string[] = [];
  const unified = new Set<string>();
  for (const point of plan.points) {
    const baseline = baselineAt(point);
    for (const variant of point.variants) {
      const { spec } = variant;
      const seedDiffers = spec.seed !== baseline.seed;
      const countDiffers = spec.run.replications !== baseline.run.replications;
      if ((seedDiffers || countDiffers) && !unified.has(variant.name)) {
        unified.add(variant.name);
        const own: string[] = [];
        if (seedDiffers) own.push(`seed ${spec.seed}`);
        if (countDiffers) own.push(`${spec.run.replications} replications`);
        warnings.push(
          `variant '${variant.name}' runs with the baseline's seed ${baseline.seed} and ${baseline.run.replications} ` +
            `replications (its own: ${own.join(', ')}), so that its replication r pairs with the baseline's replication r`,
        );
      }
    }
  }
  if (plan.sweep?.kind === 'load') {
    const overloaded = plan.sweep.values.filter((v) => v >= 1);
    if (overloaded.length > 0) {
      warnings.push(
        `load ${overloaded.join(', ')}: at or above 1 the queues grow for as long as the run lasts, so those ` +
          'figures depend on the run length',
      );
    }
  }

  const plugins = new Map<string, PolicyDefinition>();
  const total = plan.points.length * plan.points[0].variants.length;
  let done = 0;
  const points: ComparisonPoint[] = [];
  for (const point of plan.points) {
    const runs: VariantRun[] = [];
    const baselineSpec = baselineAt(point);
    for (const input of point.variants) {
      const spec: ScenarioSpec = {
        ...input.spec,
        seed: baselineSpec.seed,
        run: { ...input.spec.run, replications: baselineSpec.run.replications },
      };
      const module = spec.balancer.policy.module;
      let plugin: PolicyDefinition | undefined;
      if (module !== undefined) {
        plugin = plugins.get(module) ?? (await loadPolicyModule(module));
        plugins.set(module, plugin);
      }
      const base = done;
      const accumulator = new ResultAccumulator(spec);
      const progress = options.onProgress && ((f: number) => options.onProgress!((base + f) / total));
      forEachReplication(spec, (outcome) => accumulator.add(outcome), progress, plugin);
      done++;
      const summary = accumulator.summary();
      for (const warning of accumulator.warnings()) warnings.push(`${pointPrefix(plan.sweep, point.value)}${input.name}: ${warning}`);
      runs.push({
        input,
        spec,
        vectors: figureVectors(accumulator.requests),
        summary,
        histogram: accumulator.histogram.rows(),
      });
    }
    const baseline = runs.find((r) => r.input.name === plan.baseline)!;
    points.push({
      value: point.value,
      variants: runs.map((r) => ({
        name: r.input.name,
        baseline: r === baseline,
        policy: r.spec.balancer.policy,
        file: r.input.file,
        offeredLoad: offeredLoad(r.spec),
        summary: r.summary,
        differences: pairedDifferences(r.vectors, baseline.vectors),
        replicationValues: r.vectors,
        histogram: r.histogram,
      })),
    });
  }
  options.onProgress?.(1);
  return {
    scenario: plan.scenario,
    seed,
    replications,
    baseline: plan.baseline,
    percentileRelativeError: LatencySketch.relativeAccuracy,
    sweep: plan.sweep,
    points,
    warnings,
  };
}
