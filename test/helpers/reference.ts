/**
 * The reference cases of test/fixtures/reference/ (verbatim copies of ../shared/reference/): reading them, scaling
 * their tolerances to a run length, and checking a simulated figure against them. Every expected value and every
 * stated tolerance comes from the fixture files, never from running the code under test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { Estimate, Summary } from '../../src/index.js';
import { valueOf } from './estimate.js';

export const fixtureDirectory = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));

/** One expected figure: a value and a relative (`tol`) or absolute (`tol_abs`) tolerance. */
export interface Expectation {
  value: number;
  tol?: number;
  tol_abs?: number;
}

export interface ReferenceCase {
  id: string;
  model: string;
  expect?: Record<string, Expectation>;
  expect_formula?: string;
  values?: Record<string, Record<string, number>>;
  note?: string;
  bounds?: string;
  tolerance_basis?: string;
  source: string;
}

const cache = new Map<string, ReferenceCase[]>();

/** Every case of a fixture file (`queueing.yaml`, `reliability.yaml`, `election.yaml`). */
export function referenceCases(file: string): ReferenceCase[] {
  let cases = cache.get(file);
  if (!cases) {
    cases = parse(readFileSync(fixtureDirectory + file, 'utf8')) as ReferenceCase[];
    if (!Array.isArray(cases)) throw new Error(`${file}: expected a list of cases`);
    cache.set(file, cases);
  }
  return cases;
}

export function referenceCase(file: string, id: string): ReferenceCase {
  const found = referenceCases(file).find((c) => c.id === id);
  if (!found) throw new Error(`${file}: no case '${id}'`);
  return found;
}

export function expectation(c: ReferenceCase, quantity: string): Expectation {
  const e = c.expect?.[quantity];
  if (!e) throw new Error(`${c.id}: no expected '${quantity}'`);
  return e;
}

/** The run length every stated tolerance assumes: 10 replications of 10^6 measured requests. */
export const referenceMeasuredRequests = 10 * 1e6;

/**
 * The reference README's scaling rule: a tolerance stated for 10 x 10^6 measured requests is multiplied by
 * sqrt(10 * 10^6 / (R * N)) for R replications of N requests. Only ever >= 1 here: never narrower than stated
 * for a longer run, and a longer run is never used to widen.
 */
export function toleranceScale(replications: number, requests: number): number {
  return Math.max(1, Math.sqrt(referenceMeasuredRequests / (replications * requests)));
}

/** A figure of the summary by its fixture path, e.g. `responseTime.p99`, `probWait`, `availability.time`. */
export function figure(summary: Summary, path: string): Estimate {
  let at: unknown = summary;
  for (const key of path.split('.')) at = (at as Record<string, unknown>)[key];
  const e = at as Estimate | undefined;
  if (!e || typeof e.value !== 'number') throw new Error(`summary has no figure '${path}'`);
  return e;
}

/** What one check found, for the log and the closing report. */
export interface CheckRecord {
  caseId: string;
  quantity: string;
  simulated: number;
  reference: number;
  /** Allowed |simulated - reference|, absolute. */
  allowed: number;
  /** Relative tolerance used (after scaling), or null for an absolute one. */
  tolerance: number | null;
  /** Half-width of the 95 % CI across replications, when there is one. */
  ciHalfWidth: number | null;
}

function halfWidth(e: Estimate | undefined): number | null {
  return e?.ci95 ? (e.ci95[1] - e.ci95[0]) / 2 : null;
}

function log(record: CheckRecord, extra = ''): void {
  const rel = (record.simulated - record.reference) / record.reference;
  const tol = Number.isNaN(record.allowed)
    ? ''
    : record.tolerance === null
      ? ` tol abs ${record.allowed.toPrecision(3)}`
      : ` tol rel ${record.tolerance.toPrecision(3)}`;
  const ci = record.ciHalfWidth === null ? '' : ` ci95 +-${record.ciHalfWidth.toPrecision(3)}`;
  console.log(
    `[reference] ${record.caseId} ${record.quantity}: sim ${record.simulated.toPrecision(7)} ref ${record.reference.toPrecision(7)} ` +
      `(${rel >= 0 ? '+' : ''}${(100 * rel).toFixed(3)} %)${tol}${ci}${extra}`,
  );
}

/**
 * |sim - ref| <= tol * scale * |ref| (relative) or tol_abs * scale (absolute), the message naming the case, the
 * quantity and the source.
 */
export function checkAgainst(
  c: ReferenceCase,
  quantity: string,
  simulated: Estimate | number,
  expected: Expectation,
  scale: number,
): CheckRecord {
  const sim = typeof simulated === 'number' ? simulated : valueOf(simulated, `${c.id} ${quantity}`);
  const relative = expected.tol !== undefined;
  const tolerance = relative ? expected.tol! * scale : null;
  const allowed = relative ? tolerance! * Math.abs(expected.value) : expected.tol_abs! * scale;
  if (!relative && expected.tol_abs === undefined) throw new Error(`${c.id} ${quantity}: no tolerance`);
  const record: CheckRecord = {
    caseId: c.id,
    quantity,
    simulated: sim,
    reference: expected.value,
    allowed,
    tolerance,
    ciHalfWidth: typeof simulated === 'number' ? null : halfWidth(simulated),
  };
  log(record);
  expect(
    Math.abs(sim - expected.value),
    `${c.id} ${quantity}: simulated ${sim} vs reference ${expected.value} ± ${allowed} (source: ${c.source})`,
  ).toBeLessThanOrEqual(allowed);
  return record;
}

/** Checks the fixture's stated figure `quantity` of case `c` against the summary. */
export function checkCase(c: ReferenceCase, quantity: string, summary: Summary, scale: number): CheckRecord {
  return checkAgainst(c, quantity, figure(summary, quantity), expectation(c, quantity), scale);
}

/**
 * A one-sided check: `lower <= sim <= upper`, for references that bound rather than pin a value (the supermarket
 * model's finite-n results sit above the n -> infinity asymptote).
 */
export function checkWithin(
  caseId: string,
  quantity: string,
  simulated: Estimate,
  reference: number,
  lower: number,
  upper: number,
  source: string,
): void {
  const sim = valueOf(simulated, `${caseId} ${quantity}`);
  log(
    { caseId, quantity, simulated: sim, reference, allowed: NaN, tolerance: null, ciHalfWidth: halfWidth(simulated) },
    ` window [${lower.toPrecision(7)}, ${upper.toPrecision(7)}]`,
  );
  const message = `${caseId} ${quantity}: simulated ${sim} outside [${lower}, ${upper}] around ${reference} (source: ${source})`;
  expect(sim, message).toBeGreaterThanOrEqual(lower);
  expect(sim, message).toBeLessThanOrEqual(upper);
}
