import { replicationStreams } from './streams.js';
import { runReplicationsInParallel, workersAvailable } from './worker-pool.js';
import type { ScenarioSpec } from '../model/spec.js';
import { loadPolicyModule } from '../policies/plugin.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { runReplication, type ReplicationOutcome } from './replication.js';
import type { ScenarioResult } from './result.js';
import { figureVectors, type ComparedFigures } from './compare-figures.js';
import { ResultAccumulator } from './summary/result-accumulator.js';
import { chooseWarmup } from './auto-warmup.js';
import { warmupTooShortWarning } from './warmup-check.js';
import { collectIfLarge } from './idle-collection.js';
import { prepareCompiler } from './compiler-budget.js';
import { estimateEvents } from './estimate-events.js';

export interface RunOptions {
  /** Called now and then with simulated progress across all replications, 0 .. 1. */
  onProgress?: (fraction: number) => void;
  /** The scenario text as run, copied into the result for the report. */
  source?: { path: string; text: string };
  /** Asked now and then whether to stop early (a wall-clock budget kept by the caller). */
  shouldStop?: () => boolean;
  /**
   * Replications run on up to this many worker threads (default 1: this thread). The results are identical either
   * way; threads need the compiled JavaScript, so under a TypeScript test runner this thread is used.
   */
  workers?: number;
  /**
   * Once aborted, the run stops and rejects with the signal's reason (no result). A run given a signal runs its
   * replications on worker threads, even on one, so that this thread stays free to hear the abort.
   */
  signal?: AbortSignal;
  /**
   * Called once the run is done with each compared figure's value in each replication (null where a replication had
   * no sample): what a baseline keeps for `clustersim check`. These are the columns the summary's CIs come from, so
   * asking for them costs nothing more.
   */
  onReplicationValues?: (values: ComparedFigures<(number | null)[]>) => void;
}

export { replicationStreams };

/** From this many nodes, loading leaves enough garbage to collect before the run (see runScenario). */
const LARGE_CLUSTER_NODES = 100_000;

/**
 * Runs every replication of a scenario and folds each outcome, as it comes, into what a report shows: no outcome
 * is kept once folded, so memory does not grow with whole replications.
 */
export async function runScenario(stated: ScenarioSpec, options: RunOptions = {}): Promise<ScenarioResult> {
  // What loading a large cluster left (a million nodes' checks: 300 MB) is garbage that this thread, idle while
  // workers run, would otherwise hold through the run, next to the worker's peak. Smaller scenarios leave little
  // and do not pay for a full collection (a test process running many has a large heap of its own).
  if (stated.nodes.length >= LARGE_CLUSTER_NODES) collectIfLarge();
  // warmup: auto is chosen first, by a pilot run on streams of its own (auto-warmup.ts); a stated one is checked after.
  const auto = stated.run.warmupAuto ? chooseWarmup(stated, await pluginPolicy(stated)) : null;
  const spec = auto?.spec ?? stated;
  const accumulator = new ResultAccumulator(spec);
  const fold = (outcome: ReplicationOutcome) => accumulator.add(outcome);
  const workers = Math.min(options.workers ?? 1, spec.run.replications);
  if ((workers > 1 || options.signal !== undefined) && workersAvailable()) {
    await runReplicationsInParallel(spec, workers, fold, options.onProgress, options.shouldStop, options.signal);
  } else {
    const policy = await pluginPolicy(spec);
    options.signal?.throwIfAborted();
    forEachReplication(spec, fold, options.onProgress, policy, options.shouldStop);
    options.signal?.throwIfAborted();
  }
  options.onReplicationValues?.(figureVectors(accumulator.requests));
  const result = accumulator.result(options.source);
  if (auto !== null) result.summary.warmup = auto.warmup;
  else {
    const tooShort = warmupTooShortWarning(result);
    if (tooShort !== null) result.warnings.push(tooShort);
  }
  return result;
}

async function pluginPolicy(spec: ScenarioSpec): Promise<PolicyDefinition | undefined> {
  const module = spec.balancer.policy.module;
  return module ? loadPolicyModule(module) : undefined;
}

/**
 * Runs the replications of a scenario in this thread, one after the other, handing each outcome to `onOutcome` in
 * replication order as soon as it is done.
 */
export function forEachReplication(
  spec: ScenarioSpec,
  onOutcome: (outcome: ReplicationOutcome) => void,
  onProgress?: (fraction: number) => void,
  policy?: PolicyDefinition,
  shouldStop?: () => boolean,
): void {
  const count = spec.run.replications;
  prepareCompiler(estimateEvents(spec).events);
  for (let r = 0; r < count; r++) {
    if (r > 0 && shouldStop?.()) break;
    onOutcome(
      runReplication(spec, replicationStreams(spec.seed, r), r, {
        onProgress: onProgress && ((fraction) => onProgress((r + fraction) / count)),
        policy,
        shouldStop,
      }),
    );
    onProgress?.((r + 1) / count);
  }
}

/** Every replication's outcome, kept: for tests and callers that look inside them (memory grows with the count). */
export function runReplications(
  spec: ScenarioSpec,
  onProgress?: (fraction: number) => void,
  policy?: PolicyDefinition,
  shouldStop?: () => boolean,
): ReplicationOutcome[] {
  const outcomes: ReplicationOutcome[] = [];
  forEachReplication(spec, (outcome) => outcomes.push(outcome), onProgress, policy, shouldStop);
  return outcomes;
}

/** The result of outcomes already run, in replication order. */
export function resultOf(
  spec: ScenarioSpec,
  outcomes: readonly ReplicationOutcome[],
  source?: { path: string; text: string },
): ScenarioResult {
  const accumulator = new ResultAccumulator(spec);
  for (const outcome of outcomes) accumulator.add(outcome);
  return accumulator.result(source);
}
