/**
 * `clustersim size` as a sharded study (docs/scaling-out.md, "size on shards"): every value of the range, at every
 * combination of the further --vary fields, at the scenario's first number of replications, is a unit of work;
 * `merge` replays the same gallop and bisection over the stored outcomes, so it writes what `size` writes on one
 * machine. A probe that needs more replications than the shards ran (an inconclusive verdict) stops the merge
 * with its name: a second round is not built.
 */
import { ResultAccumulator } from '../experiment/summary/result-accumulator.js';
import type { ReplicationOutcome } from '../experiment/replication.js';
import { cheapest, searchSmallestPassing, type SizingOutcome, type SizingSeries } from '../experiment/sizing.js';
import { costOf, type NodePrices } from '../experiment/sizing-cost.js';
import { unitId, type IdentifiedUnit } from '../experiment/units.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { SizingPlan } from '../report/index.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';

/** One value of the varied field at one combination of the others: the scenario as it runs there. */
export interface SizeStudyPoint {
  value: number;
  spec: ScenarioSpec;
  source: { path: string; text: string };
}

export interface SizeStudy {
  plan: SizingPlan;
  initialReplications: number;
  /** As lists, not Maps: the study's fingerprint is taken over its JSON, where a Map would read as {}. */
  prices: { perNode: [number, number][]; perCore: [number, number][] } | null;
  series: { fixed: Record<string, number>; points: SizeStudyPoint[] }[];
}

/** `nodes.0.count=3` or `nodes.0.count=3,nodes.0.cores=2`: where a unit is, before its replication. */
function where(study: SizeStudy, fixed: Record<string, number>, value: number): string {
  return [`${study.plan.path}=${value}`, ...Object.entries(fixed).map(([p, v]) => `${p}=${v}`)].join(',');
}

/** Every unit, series by series, value by value, replication by replication: `nodes.0.count=3/r1`. */
export function sizeStudyUnits(study: SizeStudy): IdentifiedUnit[] {
  return study.series.flatMap(({ fixed, points }) =>
    points.flatMap(({ value, spec }) =>
      Array.from({ length: study.initialReplications }, (_, r) => ({ spec, replication: r, id: unitId([where(study, fixed, value)], r) })),
    ),
  );
}

function nodePrices(prices: NonNullable<SizeStudy['prices']>): NodePrices {
  return { perNode: new Map(prices.perNode), perCore: new Map(prices.perCore) };
}

/**
 * The search of every series replayed over the outcomes (read by position, in the order sizeStudyUnits lists
 * them); `onProbe` sees each probe as `size` prints it.
 */
export async function replaySizing(
  study: SizeStudy,
  outcome: (position: number) => ReplicationOutcome,
  onProbe: (fixed: Record<string, number>, value: number, replications: number, checks: string) => void,
): Promise<SizingOutcome> {
  const replications = study.initialReplications;
  const series: SizingSeries[] = [];
  let position = 0;
  for (const { fixed, points } of study.series) {
    const first = position;
    position += points.length * replications;
    const result = await searchSmallestPassing({
      lo: study.plan.lo,
      hi: study.plan.hi,
      initialReplications: replications,
      maxReplications: study.plan.maxReplications,
      evaluate: async (value, wanted) => {
        const at = where(study, fixed, value);
        if (wanted > replications) {
          throw new Error(
            `${at} is inconclusive with ${replications} replications and the search wants ${wanted}, which the shards ` +
              'did not run: rerun the shards with more replications (--replications), or size on one machine',
          );
        }
        const index = points.findIndex((p) => p.value === value);
        const accumulator = new ResultAccumulator(points[index].spec);
        const from = first + index * replications;
        for (let p = from; p < from + replications; p++) accumulator.add(outcome(p));
        const checks = accumulator.result(points[index].source).summary.reliability?.slo ?? [];
        onProbe(fixed, value, wanted, checks.map((c) => `${c.objective} ${c.verdict ?? 'no sample'}`).join(', '));
        return checks;
      },
    });
    const answer = result.answer === null ? undefined : points.find((p) => p.value === result.answer);
    const cost = study.prices !== null && answer !== undefined ? costOf(answer.spec, nodePrices(study.prices)) : null;
    series.push({ fixed, result, cost });
  }
  return { series, best: cheapest(series) };
}

/** The last line of `size` (and of a merged sizing): the answer, or that none passes; the exit code with it. */
export function sizingAnswer(plan: SizingPlan, outcome: SizingOutcome, io: CliIo): number {
  const best = outcome.best;
  if (best === null) {
    io.err(`clustersim size: no value of ${plan.path} from ${plan.lo} to ${plan.hi} passes every objective\n`);
    return EXIT_FAILURE;
  }
  const fixedText = Object.entries(best.fixed).map(([p, v]) => ` ${p}=${v}`).join('');
  const cost = best.cost === null ? '' : ` (cost ${best.cost})`;
  io.err(`clustersim size: answer ${plan.path}=${best.result.answer}${fixedText}${cost}\n`);
  return EXIT_OK;
}
