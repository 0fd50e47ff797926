/**
 * Runs a scenario for a test and checks, at the end of every replication and of the summary, that no request got
 * lost: arrived = completed + failed + in flight (issue 2, part 4). Every simulated run in the tests goes through
 * `simulate` or `runScenarioChecked`.
 */
import { expect } from 'vitest';
import {
  replicationStreams,
  resultOf,
  runReplication,
  runScenario,
  type ReplicationOutcome,
  type ScenarioResult,
  type ScenarioSpec,
  type Summary,
} from '../../src/index.js';

export interface Simulation {
  outcomes: ReplicationOutcome[];
  result: ScenarioResult;
  summary: Summary;
  /** Wall-clock seconds of the simulation (all replications). */
  seconds: number;
  /** Events handled, summed over replications. */
  events: number;
}

export interface SimulateOptions {
  /** The run is expected to stop on a bound (an overloaded system that cannot drain): the test checks why. */
  expectStoppedEarly?: boolean;
  /** Sees every arrival of every replication, with the replication index. */
  onArrival?: (replication: number, classIndex: number, time: number, work: number, bytes: number) => void;
}

/** The conservation law for one replication's outcome. */
export function expectReplicationConserved(outcome: ReplicationOutcome, label = ''): void {
  const m = outcome.measurement;
  const failedByCause = Array.from(m.failedByCause).reduce((a, b) => a + b, 0);
  expect(m.failed, `${label} replication ${outcome.index}: failed = sum of failedByCause`).toBe(failedByCause);
  expect(
    m.completed + m.failed + outcome.inFlight,
    `${label} replication ${outcome.index}: arrived (${m.arrived}) = completed (${m.completed}) + failed (${m.failed}) + in flight (${outcome.inFlight})`,
  ).toBe(m.arrived);
  expect(m.arrived, `${label} replication ${outcome.index}: some request arrived in the measured window`).toBeGreaterThan(0);
}

/** The conservation law for a summary (counts summed over replications). */
export function expectSummaryConserved(summary: Summary, label = ''): void {
  const r = summary.requests;
  const byCause = Object.values(r.failedByCause).reduce((a, b) => a + b, 0);
  expect(r.failed, `${label}: failed = sum of failedByCause`).toBe(byCause);
  expect(
    r.completed + r.failed + r.inFlight,
    `${label}: arrived (${r.arrived}) = completed (${r.completed}) + failed (${r.failed}) + in flight (${r.inFlight})`,
  ).toBe(r.arrived);
}

/**
 * Runs every replication through the library (`runReplication` on `replicationStreams(seed, r)`, then `resultOf`,
 * exactly what `runScenario` does), checking conservation per replication and for the summary.
 */
export function simulate(spec: ScenarioSpec, options: SimulateOptions = {}): Simulation {
  const started = process.hrtime.bigint();
  const outcomes: ReplicationOutcome[] = [];
  for (let r = 0; r < spec.run.replications; r++) {
    const onArrival = options.onArrival;
    const outcome = runReplication(spec, replicationStreams(spec.seed, r), r, {
      onArrival: onArrival && ((c, t, w, b) => onArrival(r, c, t, w, b)),
    });
    expectReplicationConserved(outcome, spec.name);
    outcomes.push(outcome);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = resultOf(spec, outcomes);
  expectSummaryConserved(result.summary, spec.name);
  if (!options.expectStoppedEarly) {
    expect(result.summary.stoppedEarly, `${spec.name}: no replication stopped on a bound`).toBeNull();
  }
  return { outcomes, result, summary: result.summary, seconds, events: outcomes.reduce((a, o) => a + o.events, 0) };
}

/** `runScenario` (the public entry point) with the conservation check on its summary. */
export async function runScenarioChecked(spec: ScenarioSpec): Promise<ScenarioResult> {
  const result = await runScenario(spec);
  expectSummaryConserved(result.summary, spec.name);
  return result;
}
