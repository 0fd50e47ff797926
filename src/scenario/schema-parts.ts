import {
  Type,
  type SchemaOptions,
  type TInteger,
  type TNumber,
  type TObject,
  type TSchema,
  type TString,
  type TUnsafe,
} from '@sinclair/typebox';
import { LIMITS } from './limits.js';
import { describeQuantity, quantityPattern, type QuantityKind } from './units.js';

/**
 * Building blocks of the scenario schema. Besides the standard keywords, each leaf carries two annotations that ajv
 * is told to ignore while validating (see schema-check.ts):
 * - `x-valid`: a short "what is valid" text for error messages ("an integer >= 1");
 * - `x-quantity`: marks a value with units; the resolver parses it and reports its own precise unit errors, so schema
 *   errors on such values are dropped rather than reported twice. Its `pattern` is there for editors.
 */
export const VALID = 'x-valid';
export const QUANTITY = 'x-quantity';

/** What a quantity field accepts, beyond its unit family; the resolver reads the same names. */
export type QuantityField = QuantityKind | 'speed' | 'warmup' | 'fraction' | 'metricValue';

interface LeafOptions extends SchemaOptions {
  description: string;
}

export function Int(minimum: number, options: LeafOptions & { maximum?: number }): TInteger {
  const { maximum } = options;
  const valid = maximum === undefined ? `an integer >= ${minimum}` : `an integer from ${minimum} to ${maximum}`;
  return Type.Integer({ minimum, [VALID]: valid, ...options });
}

export function PlainNumber(options: LeafOptions): TNumber {
  return Type.Number({ [VALID]: 'a number', ...options });
}

/**
 * A name used in node names, report folders and metrics: no spaces, no path separators, and short enough to be a
 * folder or file name with room for the suffixes the report adds.
 */
export function Name(options: LeafOptions): TString {
  return Type.String({
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
    maxLength: LIMITS.nameCharacters,
    [VALID]: `letters, digits, '.', '_' and '-', starting with a letter or digit; at most ${LIMITS.nameCharacters} characters`,
    ...options,
  });
}

/** A closed set of words as one `enum` (TypeBox's unions of literals would give one error per alternative). */
export function StringEnum<const T extends readonly string[]>(values: T, options: LeafOptions): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], [VALID]: values.join(', '), ...options });
}

/** A quantity with units: a string like `150ms`, or a bare number where the family allows it. */
export function Quantity(
  field: QuantityField,
  options: LeafOptions & { unbounded?: boolean; none?: boolean; auto?: boolean },
): TUnsafe<string | number> {
  const { unbounded = false, none = false, auto = false, ...rest } = options;
  const extra = [...(unbounded ? ['unbounded'] : []), ...(none ? ['none'] : []), ...(auto ? ['auto'] : [])];
  return Type.Unsafe<string | number>({
    type: ['string', 'number'],
    pattern: fieldPattern(field, extra),
    [QUANTITY]: field,
    [VALID]: describeField(field) + extra.map((word) => `, or '${word}'`).join(''),
    ...rest,
  });
}

function fieldPattern(field: QuantityField, extra: string[]): string {
  if (field === 'speed' || field === 'fraction') return quantityPattern('percentage', extra);
  if (field === 'warmup') return `(${quantityPattern('duration', extra)})|(${quantityPattern('percentage')})`;
  if (field === 'metricValue') return ['percentage', 'duration', 'rate'].map((kind) => `(${quantityPattern(kind as QuantityKind, extra)})`).join('|');
  return quantityPattern(field, extra);
}

/** The "valid:" text for a quantity field. */
export function describeField(field: QuantityField): string {
  if (field === 'speed') return 'a positive number (1 = a reference core) or a percentage of it (e.g. 50%)';
  if (field === 'warmup') return `${describeQuantity('duration')}, or a percentage of duration (e.g. 10%)`;
  if (field === 'fraction') return 'a number > 0 and <= 1, or a percentage (e.g. 0.3 or 30%)';
  if (field === 'metricValue') return 'a number, a percentage (utilization, e.g. 60%), a duration (p99, e.g. 250ms) or a rate (rate, e.g. 5/s)';
  return describeQuantity(field);
}

/** An object that rejects unknown keys (the misspelling check relies on it). */
export function Closed<T extends Record<string, TSchema>>(properties: T, options: LeafOptions): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}
