/**
 * A baseline for `clustersim check`: what `clustersim run --write-baseline` keeps of a run, the summary plus every
 * compared figure's value in each replication (the Welch test needs the spread, not only the mean). Plain JSON with a
 * format tag, so that a file from another tool or another version is refused with a reason rather than misread.
 */
import { COMPARED_FIGURES, type ComparedFigures } from './compare-figures.js';
import type { Summary } from './result.js';

export const BASELINE_FORMAT = 'clustersim-baseline/1';

export interface Baseline {
  format: typeof BASELINE_FORMAT;
  scenario: string;
  seed: string;
  replications: number;
  /** Exactly the summary.json of the run. */
  summary: Summary;
  /** Per compared figure (dotted path, `responseTime.p99`), its value in each replication; null: no sample. */
  replicationValues: Record<string, (number | null)[]>;
}

export function baselineOf(summary: Summary, values: ComparedFigures<(number | null)[]>): Baseline {
  return {
    format: BASELINE_FORMAT,
    scenario: summary.scenario,
    seed: summary.seed,
    replications: summary.replications,
    summary,
    replicationValues: Object.fromEntries(COMPARED_FIGURES.map((figure) => [figure.path, figure.get(values)])),
  };
}

export function baselineJson(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

const isValue = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

/** The baseline in a file's text, or why it is not one (said in the user's terms). */
export function parseBaseline(text: string): { baseline: Baseline } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: 'not a JSON object' };
  const record = raw as Record<string, unknown>;
  if (record.format !== BASELINE_FORMAT) {
    return { problem: `format is ${JSON.stringify(record.format)}, expected '${BASELINE_FORMAT}' (write one with clustersim run --write-baseline)` };
  }
  if (typeof record.scenario !== 'string' || typeof record.seed !== 'string') return { problem: 'scenario or seed missing' };
  const replications = record.replications;
  if (typeof replications !== 'number' || !Number.isInteger(replications) || replications < 1) {
    return { problem: 'replications is not a count' };
  }
  if (typeof record.summary !== 'object' || record.summary === null) return { problem: 'summary missing' };
  const values = record.replicationValues;
  if (typeof values !== 'object' || values === null) return { problem: 'replicationValues missing' };
  for (const figure of COMPARED_FIGURES) {
    const column = (values as Record<string, unknown>)[figure.path];
    if (!Array.isArray(column) || column.length !== replications || !column.every(isValue)) {
      return { problem: `replicationValues.${figure.path} is not ${replications} numbers (or null)` };
    }
  }
  return { baseline: record as unknown as Baseline };
}
