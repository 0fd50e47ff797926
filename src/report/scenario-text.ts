import type { ScenarioResult } from '../experiment/result.js';
import type { ScenarioSpec } from '../model/spec.js';

/** How an unbounded quantity (storage, bandwidth, queue = Infinity) is written wherever JSON must hold the spec. */
export const UNBOUNDED = 'unbounded';

/** JSON.stringify would turn Infinity into null, which reads as "not set"; "unbounded" says what it means. */
export function specToJson(spec: ScenarioSpec): string {
  return JSON.stringify(
    spec,
    (_key, value: unknown) => (value === Infinity ? UNBOUNDED : value === -Infinity ? `-${UNBOUNDED}` : value),
    2,
  );
}

export interface ScenarioText {
  /** Where the text comes from: the scenario file's path, or a note that it is the resolved spec. */
  origin: string;
  text: string;
}

/** The scenario as run: the file's text when the run came from a file, else the resolved spec. */
export function scenarioAsRun(result: ScenarioResult): ScenarioText {
  if (result.source !== undefined) return { origin: result.source.path, text: result.source.text };
  return { origin: 'resolved scenario (JSON; units in seconds, bytes, bytes/s, requests/s)', text: specToJson(result.spec) };
}
