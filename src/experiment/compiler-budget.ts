import { setFlagsFromString } from 'node:v8';
import type { ScenarioSpec } from '../model/spec.js';
import { estimateEvents } from './estimate-events.js';

/**
 * Estimated events a thread is about to run from which the optimising compiler gets a larger inlining budget
 * (below): about two seconds of simulation. The larger budget costs about 0.2 s of compilation per thread, which
 * that much work repays several times over, and a short run (a test, most example scenarios) would not.
 */
export const longWorkEvents = 1e7;

/**
 * V8's inlining budget for one optimised function (bytecode bytes inlined into it, and its size with them), raised
 * from 920 and 4 600. A request's path runs through about a dozen small functions (the workload source, the
 * dispatcher and its policy, the station, the event queue, the outcomes): with the default budget V8 inlined some of
 * them into the event handlers and left the rest as calls, which ones depending on when each was compiled, so that
 * one build ran the benchmark at 5 or at 8 M events/s from one run to the next. With this budget both handlers take
 * their whole path in (scripts/bench-instructions.mjs: 2 971 instructions a request at N = 100 became 2 613).
 */
export const inliningBudget: readonly string[] = [
  '--max-inlined-bytecode-size-cumulative=3000',
  '--max-inlined-bytecode-size-absolute=12000',
];

/** The V8 flags a thread about to run `events` events asks for: the inlining budget for long work, else none. */
export function compilerFlagsFor(events: number): readonly string[] {
  return events >= longWorkEvents ? inliningBudget : [];
}

/** Estimated events of replications of `specs`, one replication per entry (a spec may repeat). */
export function estimatedEventsOf(specs: Iterable<ScenarioSpec>): number {
  let events = 0;
  for (const spec of specs) events += estimateEvents(spec).eventsPerReplication;
  return events;
}

let raised = false;

/**
 * Before a thread runs about `events` events (one replication, or every replication it is about to run one after
 * the other): long work raises the inlining budget, for every function compiled from then on in this process (V8's
 * flags are process-wide, so worker threads share it). It is asked before the first replication of the work, since
 * code compiled during a short first replication would keep the small budget. Never lowered again; what the
 * program computes does not depend on it.
 */
export function prepareCompiler(events: number): void {
  const flags = compilerFlagsFor(events);
  if (raised || flags.length === 0) return;
  raised = true;
  for (const flag of flags) setFlagsFromString(flag);
}
