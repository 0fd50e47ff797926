import type { ScenarioSpec } from '../model/spec.js';
import type { ReplicationOutcome } from './replication.js';
import type { Summary } from './result.js';
import { ResultAccumulator } from './summary/result-accumulator.js';

export { fingerprint } from './summary/fingerprint.js';

/** The summary.json contract from the replications' outcomes, in replication order. */
export function summarize(spec: ScenarioSpec, outcomes: readonly ReplicationOutcome[]): Summary {
  const accumulator = new ResultAccumulator(spec);
  for (const outcome of outcomes) accumulator.add(outcome);
  return accumulator.summary();
}
