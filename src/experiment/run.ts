import { replicationStreams } from './streams.js';
import { runReplicationsInParallel, workersAvailable } from './worker-pool.js';
import type { ScenarioSpec } from '../model/spec.js';
import { loadPolicyModule } from '../policies/plugin.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { runReplication, type ReplicationOutcome } from './replication.js';
import type { ScenarioResult } from './result.js';
import { electionRows, histogramRows, incidentRows, nodeRows, summarize, timeseriesRows } from './summarize.js';
import { replicationLagRows } from './summarize-replicated.js';

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
}

export { replicationStreams };

/** Runs every replication of a scenario and aggregates them into what a report shows. */
export async function runScenario(spec: ScenarioSpec, options: RunOptions = {}): Promise<ScenarioResult> {
  const workers = Math.min(options.workers ?? 1, spec.run.replications);
  if ((workers > 1 || options.signal !== undefined) && workersAvailable()) {
    const outcomes = await runReplicationsInParallel(spec, workers, options.onProgress, options.shouldStop, options.signal);
    return resultOf(spec, outcomes, options.source);
  }
  const module = spec.balancer.policy.module;
  const policy = module ? await loadPolicyModule(module) : undefined;
  options.signal?.throwIfAborted();
  const outcomes = runReplications(spec, options.onProgress, policy, options.shouldStop);
  options.signal?.throwIfAborted();
  return resultOf(spec, outcomes, options.source);
}

export function runReplications(
  spec: ScenarioSpec,
  onProgress?: (fraction: number) => void,
  policy?: PolicyDefinition,
  shouldStop?: () => boolean,
): ReplicationOutcome[] {
  const count = spec.run.replications;
  const outcomes: ReplicationOutcome[] = [];
  for (let r = 0; r < count; r++) {
    if (r > 0 && shouldStop?.()) break;
    outcomes.push(
      runReplication(spec, replicationStreams(spec.seed, r), r, {
        onProgress: onProgress && ((fraction) => onProgress((r + fraction) / count)),
        policy,
        shouldStop,
      }),
    );
    onProgress?.((r + 1) / count);
  }
  return outcomes;
}

export function resultOf(
  spec: ScenarioSpec,
  outcomes: ReplicationOutcome[],
  source?: { path: string; text: string },
): ScenarioResult {
  const summary = summarize(spec, outcomes);
  const warnings: string[] = [];
  if (summary.stoppedEarly) warnings.push(summary.stoppedEarly);
  const elections = electionRows(outcomes);
  const replicationLag = replicationLagRows(outcomes);
  return {
    spec,
    ...(source ? { source } : {}),
    summary,
    nodes: nodeRows(spec, outcomes),
    timeseries: timeseriesRows(outcomes),
    histogram: histogramRows(outcomes),
    incidents: incidentRows(outcomes),
    ...(elections !== undefined ? { elections } : {}),
    ...(replicationLag !== undefined ? { replicationLag } : {}),
    warnings,
  };
}
