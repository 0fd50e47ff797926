/**
 * Client timeouts and retries in scheduler mode (issue 6, part 3: "requests failed or retried during failover").
 * The client's timer follows its task, not one entry: the leader may move a task to fresh entries (reassignment
 * after a worker's crash, duplicates of a suspected worker), and each attempt keeps its link to the client's handle.
 * A task refused for want of a leader is retried after the backoff; one lost with its leader (waiting for its
 * decision, or on its way to it) is retried when its timer fires; every retry goes to the leader of the moment. A
 * result that reaches a client no longer waiting for that attempt (it timed out and retried) is not a second
 * completion: it counts as a duplicate. Every run goes through `simulate` (arrived = completed + failed + in flight,
 * per replication and in the summary).
 */
import { describe, expect, it } from 'vitest';
import type { ClientSpec, FailureSpec, ScenarioSpec } from '../../../../src/index.js';
import { cluster, constant, exponential, failuresOnly, singleLeader } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';
import { valueOf } from '../../../helpers/estimate.js';
import { singleLeaderOf } from '../../../helpers/sections.js';

/**
 * A 300 ms timeout (10 x the usual response), retries after 20 ms (constant, no jitter) up to 50 times: 1 s of
 * retries, longer than any failover here (a Raft election with timeouts of 150-300 ms).
 */
const retrying: ClientSpec = { timeout: 0.3, retries: 50, backoff: { base: 0.02, factor: 1, jitter: 'none' } };

/** A leader (node-0) and 4 workers of 2 cores; 200 tasks/s of 10 ms (load 0.25 per worker core), 1 ms decisions. */
function scheduler(failure: FailureSpec, clients: ClientSpec | null, seed: string): ScenarioSpec {
  const spec = cluster({
    seed,
    nodes: 5,
    cores: 2,
    policy: 'least-connections',
    latency: constant(0.0005),
    rate: 200,
    work: exponential(0.01),
    run: { duration: 10, warmup: 1, replications: 3 },
  });
  spec.nodes = spec.nodes.with(0, { ...spec.nodes.at(0), cores: 1 });
  spec.topology = singleLeader({ mode: 'scheduler', delay: exponential(0.0005), decisionWork: 0.001 });
  spec.reliability = failuresOnly([failure]);
  if (clients !== null) spec.reliability.clients = clients;
  return spec;
}

const leaderCrash: FailureSpec = { kind: 'timeline', steps: [{ at: 4, crash: 'node-0', for: 3 }] };

describe('scheduler: client retries through a failover', () => {
  it('a leader crash: without retries the tasks of the failover fail; with them they run on the new leader', () => {
    const without = simulate(scheduler(leaderCrash, null, 'sched-retries'));
    const withRetries = simulate(scheduler(leaderCrash, retrying, 'sched-retries'));
    expect(without.summary.elections!.count.value).toBe(1);
    // Without retries: 200 tasks/s x the time without a leader (at least the 150 ms minimum timeout) fail with
    // no-leader, plus the few waiting for their decision at the crashed leader (node-crash).
    const failedWithout = without.summary.requests.failed;
    const timeWithoutLeader = valueOf(without.summary.elections!.timeWithoutLeader.mean);
    expect(timeWithoutLeader).toBeGreaterThan(0.15);
    expect(failedWithout / 3).toBeGreaterThan(0.8 * 200 * timeWithoutLeader);
    expect(without.summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    // With retries: none fails. A task arriving at a uniform time of a failover of length W is refused every
    // b = 20 ms until the leader is back: ceil(remaining / b) retries, remaining uniform on [0, W], so about
    // W / (2 b) + 1/2 per task, for the 200 W tasks of the failover: 200 W (W / (2 b) + 1/2) per replication.
    expect(withRetries.summary.requests.failed).toBe(0);
    expect(withRetries.summary.requests.inFlight).toBe(0);
    const b = 0.02;
    const expectedRetries = withRetries.outcomes.reduce((sum, o) => {
      const W = singleLeaderOf(o)!.failovers.reduce((acc, f) => acc + (f.end - f.lostAt), 0);
      return sum + 200 * W * (W / (2 * b) + 0.5);
    }, 0);
    const retries = withRetries.outcomes.reduce((sum, o) => sum + o.measurement.retries, 0);
    // The tasks of the failovers are a Poisson count of mean about 3 x 200 x 0.19 = 117: relative SD 9 %; 30 % is
    // more than 3 SD.
    expect(Math.abs(retries / expectedRetries - 1), `retries ${retries} vs ${expectedRetries}`).toBeLessThan(0.3);
    const W = valueOf(withRetries.summary.elections!.timeWithoutLeader.mean);
    // The longest wait: a task that arrived as the leader was lost waits for the new one (W), at most one backoff
    // (20 ms) or, if it was lost in the crash, its timeout (300 ms) and a backoff; then the backlog at the new leader.
    const longest = Math.max(...withRetries.outcomes.map((o) => o.measurement.classes[0].response.max));
    expect(longest).toBeGreaterThan(0.15);
    expect(longest).toBeLessThan(W + 0.3 + 0.02 + 0.2);
    // Nobody reassigned or duplicated anything: the workers never failed, and the tasks lost with the leader
    // never ran.
    expect(withRetries.summary.scheduler!.duplicates.value).toBe(0);
  });

  it('out of retries, tasks fail with the cause of their last attempt', () => {
    const once: ClientSpec = { timeout: 0.3, retries: 1, backoff: { base: 0.02, factor: 1, jitter: 'none' } };
    const { summary } = simulate(scheduler(leaderCrash, once, 'sched-retries-once'));
    // One retry 20 ms after a refusal cannot outlast a failover of 150 ms or more: the task fails with no-leader.
    expect(summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    expect(summary.reliability!.retries.value).toBeGreaterThan(0);
  });
});

describe('scheduler: a retried task whose first attempt still completes', () => {
  it('counts once as completed and once as a duplicate', () => {
    // One worker slowed 20x for 3 s: its tasks (10 ms of work, 200 ms slowed) outlast the clients' 100 ms timeout,
    // so their clients retry on the leader of the moment, which sends the retries elsewhere. The slow worker still
    // finishes the first attempts: their results reach clients that no longer wait for them.
    const clients: ClientSpec = { timeout: 0.1, retries: 3, backoff: { base: 0.01, factor: 1, jitter: 'none' } };
    const spec = scheduler({ kind: 'timeline', steps: [{ at: 3, slow: 'node-2', factor: 0.05, for: 3 }] }, clients, 'sched-retry-dup');
    // Detection slower than the slow-down, so that the leader never suspects the worker: only the clients react.
    spec.reliability!.detection = { heartbeat: 1, timeout: 10 };
    const { summary, outcomes } = simulate(spec);
    expect(summary.scheduler!.reassigned.value, 'the leader reassigned nothing').toBe(0);
    expect(summary.reliability!.retries.value).toBeGreaterThan(0);
    expect(summary.scheduler!.duplicates.value, 'first attempts finished after their retries').toBeGreaterThan(0);
    // Every task is counted once: completions never exceed arrivals (simulate checks the conservation law).
    for (const o of outcomes) expect(o.measurement.completed + o.measurement.failed).toBeLessThanOrEqual(o.measurement.arrived);
    expect(summary.requests.completed + summary.requests.failed).toBe(summary.requests.arrived);
  });
});
