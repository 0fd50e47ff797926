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
import { policyModules } from '../policies/plugin.js';
import { LatencySketch } from '../metrics/latency-sketch.js';
import { figureVectors, pairedDifferences, type ComparedFigures, type PairedDifference } from './compare-figures.js';
import { offeredLoad, type SweepSpec } from './compare-spec.js';
import type { HistogramRow, Summary } from './result.js';
import { prepareCompiler } from './compiler-budget.js';
import { estimateEvents } from './estimate-events.js';
import { forEachReplication } from './run.js';
import { unitId, type IdentifiedUnit } from './units.js';
import { runUnitsInParallel, workersAvailable } from './worker-pool.js';
import type { ReplicationOutcome } from './replication.js';
import { ResultAccumulator } from './summary/result-accumulator.js';

export interface VariantInput {
  /** Unique within the comparison: `power-of-d:d=2`, or a scenario's name. */
  name: string;
  spec: ScenarioSpec;
  /** The scenario file this variant was loaded from, when the variants are files; null for policy variants. */
  file: string | null;
}

export interface PointInput {
  /** The value on each sweep axis at this point, in the plan's axis order (the offered load for a load axis); empty without a sweep. */
  values: number[];
  /** The same variant names in the same order at every point. */
  variants: VariantInput[];
}

export interface ComparisonPlan {
  /** Names the comparison and its folder (`<scenario>-compare`). */
  scenario: string;
  /** The name of the variant every other one is compared with. */
  baseline: string;
  /** The sweep axes, whose grid the points are (the last axis varying fastest); empty without a sweep. */
  sweeps: SweepSpec[];
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
  /**
   * Its report sections' data by section id (a topology's own figures, as `clustersim run` renders them); their
   * summary.json keys are in `summary` already.
   */
  sections: Record<string, unknown>;
}

export interface ComparisonPoint {
  /** The value on each sweep axis, in the comparison's axis order; empty without a sweep. */
  values: number[];
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
  sweeps: SweepSpec[];
  points: ComparisonPoint[];
  /** What the reader should know: seeds or replication counts unified, runs stopped early, overload. */
  warnings: string[];
}

export interface CompareOptions {
  /** Progress over every run of the comparison, 0 .. 1. */
  onProgress?: (fraction: number) => void;
  /**
   * Replications of every variant at every point run on up to this many worker threads (default 1: this thread).
   * The comparison is identical either way; threads need the compiled JavaScript, so under a TypeScript test runner
   * this thread is used.
   */
  workers?: number;
}

/** One variant's run at one point, before it is paired with the baseline. */
interface VariantRun {
  input: VariantInput;
  spec: ScenarioSpec;
  vectors: ComparedFigures<(number | null)[]>;
  summary: Summary;
  histogram: HistogramRow[];
  sections: Record<string, unknown>;
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
  if (plan.points.some((p) => p.values.length !== plan.sweeps.length)) return `a point without a value on each of the ${plan.sweeps.length} sweep axes`;
  return undefined;
}

/** `load 0.9: ` or `nodes.0.count 4, load 0.9: `, the prefix of a warning about one point; empty without a sweep. */
function pointPrefix(sweeps: readonly SweepSpec[], values: readonly number[]): string {
  if (sweeps.length === 0) return '';
  return `${sweeps.map((axis, i) => `${axis.parameter} ${values[i]}`).join(', ')}: `;
}

/**
 * Runs every variant at every point with common random numbers and pairs each with the baseline. The baseline's
 * seed and replication count at each point are given to every variant there, with a warning where a variant's own
 * differed: pairing needs replication r of each variant on the same streams.
 */
export async function runComparison(plan: ComparisonPlan, options: CompareOptions = {}): Promise<Comparison> {
  const prepared = prepare(plan);
  const finished: VariantRun[] = [];
  await runAll(prepared.runs, options, (run, accumulator) => finished.push(finishRun(plan, run, accumulator, prepared.warnings)));
  options.onProgress?.(1);
  return assemble(plan, prepared, finished);
}

/**
 * Every unit of the comparison in its order (point by point, variant by variant, replication by replication), with
 * its id (`<point>/<variant>/r<k>`, the point as `parameter=value,...`; without a sweep `<variant>/r<k>`): what a
 * shard runs a part of.
 */
export function comparisonUnits(plan: ComparisonPlan): IdentifiedUnit[] {
  return prepare(plan).runs.flatMap((run) => {
    const point = plan.points[run.pointIndex];
    const where = plan.sweeps.length === 0 ? [] : [plan.sweeps.map((axis, i) => `${axis.parameter}=${point.values[i]}`).join(',')];
    return Array.from({ length: run.spec.run.replications }, (_, r) => ({
      spec: run.spec,
      replication: r,
      id: unitId([...where, run.input.name], r),
    }));
  });
}

/**
 * The comparison from the outcomes of its units, given in the order of comparisonUnits (from shards run anywhere):
 * the same, bit for bit, as runComparison.
 */
export function foldComparison(plan: ComparisonPlan, outcomes: Iterable<ReplicationOutcome>): Comparison {
  const prepared = prepare(plan);
  const finished: VariantRun[] = [];
  const iterator = outcomes[Symbol.iterator]();
  for (const run of prepared.runs) {
    const accumulator = new ResultAccumulator(run.spec);
    for (let r = 0; r < run.spec.run.replications; r++) {
      const next = iterator.next();
      if (next.done === true) throw new Error(`compare: the outcome of ${run.input.name} replication ${r} is missing`);
      accumulator.add(next.value);
    }
    finished.push(finishRun(plan, run, accumulator, prepared.warnings));
  }
  return assemble(plan, prepared, finished);
}

interface Prepared {
  runs: PlannedRun[];
  warnings: string[];
  seed: string;
  replications: number;
}

/** The runs of the plan with the seed and replication count each pairs on, and the warnings known before running. */
function prepare(plan: ComparisonPlan): Prepared {
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
  const loadAxis = plan.sweeps.find((axis) => axis.kind === 'load');
  if (loadAxis !== undefined) {
    const overloaded = loadAxis.values.filter((v) => v >= 1);
    if (overloaded.length > 0) {
      warnings.push(
        `load ${overloaded.join(', ')}: at or above 1 the queues grow for as long as the run lasts, so those ` +
          'figures depend on the run length',
      );
    }
  }

  // Every run of the comparison (a variant at a point), with the seed and replication count it pairs on.
  const runs: PlannedRun[] = plan.points.flatMap((point, pointIndex) => {
    const baselineSpec = baselineAt(point);
    return point.variants.map((input) => ({
      pointIndex,
      input,
      spec: {
        ...input.spec,
        seed: baselineSpec.seed,
        run: { ...input.spec.run, replications: baselineSpec.run.replications },
      },
    }));
  });
  return { runs, warnings, seed, replications };
}

/** A run's figures once its last replication is folded; its warnings join the comparison's. */
function finishRun(plan: ComparisonPlan, run: PlannedRun, accumulator: ResultAccumulator, warnings: string[]): VariantRun {
  const point = plan.points[run.pointIndex];
  for (const warning of accumulator.warnings()) warnings.push(`${pointPrefix(plan.sweeps, point.values)}${run.input.name}: ${warning}`);
  return {
    input: run.input,
    spec: run.spec,
    vectors: figureVectors(accumulator.requests),
    summary: accumulator.summary(),
    histogram: accumulator.histogram.rows(),
    sections: accumulator.sectionResults(),
  };
}

function assemble(plan: ComparisonPlan, prepared: Prepared, finished: VariantRun[]): Comparison {
  const width = plan.points[0].variants.length;
  const points: ComparisonPoint[] = plan.points.map((point, p) => {
    const here = finished.slice(p * width, (p + 1) * width);
    const baseline = here.find((r) => r.input.name === plan.baseline)!;
    return {
      values: point.values,
      variants: here.map((r) => ({
        name: r.input.name,
        baseline: r === baseline,
        policy: r.spec.balancer.policy,
        file: r.input.file,
        offeredLoad: offeredLoad(r.spec),
        summary: r.summary,
        differences: pairedDifferences(r.vectors, baseline.vectors),
        replicationValues: r.vectors,
        histogram: r.histogram,
        sections: r.sections,
      })),
    };
  });
  return {
    scenario: plan.scenario,
    seed: prepared.seed,
    replications: prepared.replications,
    baseline: plan.baseline,
    percentileRelativeError: LatencySketch.relativeAccuracy,
    sweeps: plan.sweeps,
    points,
    warnings: prepared.warnings,
  };
}

/** A variant at a point, as it runs: its spec carries the seed and replication count of the point's baseline. */
interface PlannedRun {
  pointIndex: number;
  input: VariantInput;
  spec: ScenarioSpec;
}

/**
 * Runs every replication of every run and hands each run's accumulator to `onRun` when its last replication is
 * folded, in run order. On worker threads, the runs' replications are one queue of units (run by run, replication
 * by replication), handed back in that order whatever thread finished first: the result is the same, bit for bit,
 * as in one thread, and no more outcomes wait than the pool's window.
 */
async function runAll(
  runs: readonly PlannedRun[],
  options: CompareOptions,
  onRun: (run: PlannedRun, accumulator: ResultAccumulator) => void,
): Promise<void> {
  const starts: number[] = [];
  let total = 0;
  for (const run of runs) {
    starts.push(total);
    total += run.spec.run.replications;
  }
  const workers = Math.min(options.workers ?? 1, total);
  if (workers > 1 && workersAvailable()) {
    /** The run each unit belongs to, by unit number. */
    const runOf = new Int32Array(total);
    runs.forEach((run, r) => runOf.fill(r, starts[r], starts[r] + run.spec.run.replications));
    let accumulator: ResultAccumulator | undefined;
    await runUnitsInParallel(
      total,
      (unit) => ({ spec: runs[runOf[unit]].spec, replication: unit - starts[runOf[unit]] }),
      workers,
      (unit, outcome) => {
        const run = runs[runOf[unit]];
        accumulator ??= new ResultAccumulator(run.spec);
        accumulator.add(outcome);
        if (unit - starts[runOf[unit]] === run.spec.run.replications - 1) {
          onRun(run, accumulator);
          accumulator = undefined;
        }
      },
      options.onProgress,
    );
    return;
  }
  const pluginOf = policyModules();
  prepareCompiler(runs.reduce((events, run) => events + estimateEvents(run.spec).events, 0));
  for (const [r, run] of runs.entries()) {
    const plugin = await pluginOf(run.spec);
    const accumulator = new ResultAccumulator(run.spec);
    const base = starts[r];
    const count = run.spec.run.replications;
    const progress = options.onProgress && ((f: number) => options.onProgress!((base + f * count) / total));
    forEachReplication(run.spec, (outcome) => accumulator.add(outcome), progress, plugin);
    onRun(run, accumulator);
  }
}
