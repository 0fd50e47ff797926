/** Reading a topology's report sections out of outcomes and results, typed, for the tests. */
import type { ElectionRow, ReplicationLagRow, ReplicationOutcome, ScenarioResult } from '../../src/index.js';
import type { SingleLeaderOutcome } from '../../src/topology/single-leader/replicated-store.js';
import type { SchedulerOutcome } from '../../src/topology/single-leader/scheduler.js';
import type { SingleLeaderResult } from '../../src/topology/single-leader/sections/single-leader-section.js';

/** A replication's single-leader data (failovers, lost writes, the replicated store's figures); undefined otherwise. */
export function singleLeaderOf(outcome: ReplicationOutcome): SingleLeaderOutcome | undefined {
  return outcome.sections.singleLeader as SingleLeaderOutcome | undefined;
}

/** A replication's scheduler data; undefined unless single-leader in scheduler mode. */
export function schedulerOf(outcome: ReplicationOutcome): SchedulerOutcome | undefined {
  return outcome.sections.scheduler as SchedulerOutcome | undefined;
}

/** Every election of a result (elections.csv's rows); undefined unless single-leader. */
export function electionsOf(result: Pick<ScenarioResult, 'sections'>): ElectionRow[] | undefined {
  return (result.sections.singleLeader as SingleLeaderResult | undefined)?.elections;
}

/** The replication lag per interval of a replicated store's result; undefined otherwise. */
export function replicationLagOf(result: Pick<ScenarioResult, 'sections'>): ReplicationLagRow[] | undefined {
  return (result.sections.singleLeader as SingleLeaderResult | undefined)?.replicationLag;
}
