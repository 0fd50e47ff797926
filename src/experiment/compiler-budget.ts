import { setFlagsFromString } from 'node:v8';

/**
 * Estimated events in one replication from which the optimising compiler gets a larger inlining budget (below).
 * About two seconds of simulation: the larger budget costs about 0.2 s of compilation per thread, which a run this
 * long repays several times over, and a short one (a test, most example scenarios) would not.
 */
export const longReplicationEvents = 1e7;

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

/** The V8 flags a replication of about `events` events asks for: the inlining budget for a long one, else none. */
export function compilerFlagsFor(events: number): readonly string[] {
  return events >= longReplicationEvents ? inliningBudget : [];
}

let raised = false;

/**
 * Before a replication of about `events` events: a long one raises the inlining budget, for every function compiled
 * from then on in this process (V8's flags are process-wide, so worker threads share it). Never lowered again: code
 * already compiled keeps what it was compiled with either way. What the program computes does not depend on it.
 */
export function prepareCompiler(events: number): void {
  const flags = compilerFlagsFor(events);
  if (raised || flags.length === 0) return;
  raised = true;
  for (const flag of flags) setFlagsFromString(flag);
}
