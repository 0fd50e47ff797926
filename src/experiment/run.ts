import type { ScenarioSpec } from '../model/spec.js';
import type { ScenarioResult } from './result.js';

export interface RunOptions {
  /** Called now and then with simulated progress across all replications, 0 .. 1. */
  onProgress?: (fraction: number) => void;
  /** The scenario text as run, copied into the result for the report. */
  source?: { path: string; text: string };
}

/** Runs every replication of a scenario and aggregates them. (Stub: being implemented.) */
export async function runScenario(spec: ScenarioSpec, options: RunOptions = {}): Promise<ScenarioResult> {
  throw new Error(`runScenario not implemented yet (${spec.name}, ${options.source?.path ?? ''})`);
}
