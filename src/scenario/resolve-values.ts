import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { describeQuantity, parseQuantity, type QuantityKind } from './units.js';
import { NONE, UNBOUNDED } from './defaults.js';

/**
 * Small readers the resolver uses on the raw parsed file. The schema check has already reported wrong types, missing
 * keys and out-of-range plain numbers; these readers return undefined for such values without a second message.
 * Quantities are the exception: their unit problems are reported here (the schema check leaves them alone).
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An integer of at least `minimum`, `fallback` when absent, undefined when invalid (already reported). */
export function integerOr(raw: unknown, minimum: number, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= minimum ? raw : undefined;
}

/** An optional integer of at least `minimum`: undefined both when absent and when invalid (already reported). */
export function optionalInteger(raw: unknown, minimum: number): number | undefined {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= minimum ? raw : undefined;
}

export function stringOr<T extends string>(raw: unknown, fallback: T, allowed?: readonly T[]): T | undefined {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string') return undefined;
  if (allowed !== undefined && !allowed.includes(raw as T)) return undefined;
  return raw as T;
}

export interface QuantityRange {
  /** Lower bound in the base unit. */
  min?: number;
  /** True: the value must exceed `min`; false: it may equal it. */
  exclusive?: boolean;
  /** Accept the word `unbounded` (Infinity). */
  unbounded?: boolean;
  /** Accept the word `none` (Infinity: no limit, as in `clients.timeout: none`). */
  none?: boolean;
}

/** "> 0", ">= 0": the range as shown in messages. */
function rangeText(range: QuantityRange): string {
  return range.min === undefined ? '' : `${range.exclusive === true ? '>' : '>='} ${range.min}`;
}

export function quantityValidText(kind: QuantityKind, range: QuantityRange): string {
  const words = [...(range.unbounded === true ? [UNBOUNDED] : []), ...(range.none === true ? [NONE] : [])];
  return describeQuantity(kind, rangeText(range)) + words.map((word) => `, or '${word}'`).join('');
}

/** Parses a quantity at `path` into its base unit; reports unit and range problems; undefined when absent or bad. */
export function readQuantity(
  raw: unknown,
  path: FieldPath,
  kind: QuantityKind,
  findings: Findings,
  range: QuantityRange = {},
): number | undefined {
  if (raw === undefined) return undefined;
  if (range.unbounded === true && raw === UNBOUNDED) return Infinity;
  if (range.none === true && raw === NONE) return Infinity;
  const valid = quantityValidText(kind, range);
  const parsed = parseQuantity(raw, kind);
  if (!parsed.ok) {
    findings.error({ path, value: raw, rule: parsed.rule, valid, suggestion: parsed.suggestion });
    return undefined;
  }
  const { min, exclusive = false } = range;
  if (min !== undefined && (exclusive ? parsed.value <= min : parsed.value < min)) {
    findings.error({ path, value: raw, rule: `must be ${exclusive ? 'greater than' : 'at least'} ${min}`, valid });
    return undefined;
  }
  return parsed.value;
}

/** True when the text is written as a percentage (`10%`), which some fields accept besides their own unit. */
export function isPercentage(raw: unknown): raw is string {
  return typeof raw === 'string' && raw.trim().endsWith('%');
}

/**
 * A fraction in (0, 1]: a plain number, or a percentage (`30%`). Reports its own problems (the schema leaves
 * `x-quantity` fields to the resolver); a number above 1 that reads as a percentage gets `<n>%` suggested.
 */
export function readFraction(raw: unknown, path: FieldPath, valid: string, findings: Findings): number | undefined {
  if (raw === undefined) return undefined;
  let fraction: number;
  if (typeof raw === 'number') fraction = raw;
  else if (isPercentage(raw)) {
    const parsed = parseQuantity(raw, 'percentage');
    if (!parsed.ok) {
      findings.error({ path, value: raw, rule: parsed.rule, valid });
      return undefined;
    }
    // 99.9% is 0.999, not 0.9990000000000001 (99.9 x 0.01): an objective must compare as written.
    fraction = Number(parsed.value.toPrecision(12));
  } else {
    findings.error({ path, value: raw, rule: 'not a number or a percentage', valid });
    return undefined;
  }
  if (!(fraction > 0) || !Number.isFinite(fraction)) {
    findings.error({ path, value: raw, rule: 'must be greater than 0', valid });
    return undefined;
  }
  if (fraction > 1) {
    const suggestion = typeof raw === 'number' && raw <= 100 ? `${raw}%` : undefined;
    findings.error({ path, value: raw, rule: 'must be at most 1 (100%)', valid, suggestion });
    return undefined;
  }
  return fraction;
}
