import { describe, expect, test } from 'vitest';
import { didYouMean } from '../../../src/scenario/suggest.js';
import { parseQuantity, quantityPattern, type QuantityKind } from '../../../src/scenario/units.js';

function value(raw: unknown, kind: QuantityKind): number {
  const parsed = parseQuantity(raw, kind);
  if (!parsed.ok) throw new Error(`${String(raw)}: ${parsed.rule}`);
  return parsed.value;
}

function problem(raw: unknown, kind: QuantityKind): { rule: string; suggestion?: string } {
  const parsed = parseQuantity(raw, kind);
  if (parsed.ok) throw new Error(`${String(raw)} parsed as ${parsed.value}`);
  return { rule: parsed.rule, suggestion: parsed.suggestion };
}

describe('every unit, into its base unit', () => {
  test.each([
    ['250us', 250e-6],
    ['250µs', 250e-6],
    ['150ms', 0.15],
    ['2s', 2],
    ['10min', 600],
    ['2h', 7200],
    ['1d', 86400],
  ])('duration %s = %d s', (raw, seconds) => {
    expect(value(raw, 'duration')).toBeCloseTo(seconds, 12);
  });

  test.each([
    ['0B', 0],
    ['512B', 512],
    ['4KB', 4000],
    ['4kB', 4000],
    ['3MB', 3e6],
    ['100GB', 100e9],
    ['2TB', 2e12],
    ['4KiB', 4096],
    ['1MiB', 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['1TiB', 1024 ** 4],
  ])('size %s = %d bytes', (raw, bytes) => {
    expect(value(raw, 'size')).toBe(bytes);
  });

  test.each([
    ['9/s', 9],
    ['120/min', 2],
    ['7200/h', 2],
    ['9 req/s', 9],
    ['60 req/min', 1],
    ['3600 req/h', 1],
  ])('rate %s = %d per second', (raw, perSecond) => {
    expect(value(raw, 'rate')).toBeCloseTo(perSecond, 12);
  });

  test.each([
    ['8bps', 1],
    ['8Kbps', 1000],
    ['8kbps', 1000],
    ['1Mbps', 125_000],
    ['1Gbps', 125_000_000],
    ['1Tbps', 125e9],
    ['100B/s', 100],
    ['1KB/s', 1000],
    ['1kB/s', 1000],
    ['125MB/s', 125e6],
    ['1GB/s', 1e9],
    ['1KiB/s', 1024],
    ['1MiB/s', 1024 ** 2],
    ['1GiB/s', 1024 ** 3],
  ])('bandwidth %s = %d bytes/s (bits divided by 8)', (raw, bytesPerSecond) => {
    expect(value(raw, 'bandwidth')).toBeCloseTo(bytesPerSecond, 6);
  });

  test('percentages are fractions', () => {
    expect(value('90%', 'percentage')).toBeCloseTo(0.9, 12);
    expect(value('150 %', 'percentage')).toBeCloseTo(1.5, 12);
  });
});

describe('number forms', () => {
  test('decimals, exponents, spaces and signs', () => {
    expect(value('1.5s', 'duration')).toBe(1.5);
    expect(value('.5h', 'duration')).toBe(1800);
    expect(value('1e3ms', 'duration')).toBe(1);
    expect(value(' 150 ms ', 'duration')).toBeCloseTo(0.15, 12);
    // signs parse, so the field's range check can say "must be greater than 0" about them
    expect(value('-9/s', 'rate')).toBe(-9);
  });

  test('bare numbers: seconds and per second; for sizes and bandwidth only 0', () => {
    expect(value(2.5, 'duration')).toBe(2.5);
    expect(value('2.5', 'duration')).toBe(2.5);
    expect(value(9, 'rate')).toBe(9);
    expect(value(0, 'size')).toBe(0);
    expect(value('0', 'bandwidth')).toBe(0);
    expect(problem(100, 'size')).toEqual({ rule: 'missing unit (only 0 may omit it)' });
    expect(problem('1000', 'bandwidth')).toEqual({ rule: 'missing unit (only 0 may omit it)' });
    expect(problem(90, 'percentage')).toEqual({ rule: 'missing unit' });
  });
});

describe('problems', () => {
  test('a unit of another kind', () => {
    expect(problem('4KB', 'duration')).toEqual({ rule: "'KB' is a unit of size, not of duration" });
    expect(problem('10ms', 'rate')).toEqual({ rule: "'ms' is a unit of duration, not of rate" });
    expect(problem('9/s', 'size')).toEqual({ rule: "'/s' is a unit of rate, not of size" });
    // a size where a bandwidth belongs has an obvious fix
    expect(problem('1GB', 'bandwidth')).toEqual({ rule: "'GB' is a unit of size, not of bandwidth", suggestion: '1GB/s' });
  });

  test('an unknown unit, with a suggestion where one is likely', () => {
    expect(problem('5kg', 'size')).toEqual({ rule: "unknown unit 'kg'", suggestion: '5KB' });
    expect(problem('5m', 'duration')).toEqual({ rule: "unknown unit 'm'", suggestion: '5min' });
    expect(problem('2 hours', 'duration')).toEqual({ rule: "unknown unit 'hours'", suggestion: '2h' });
    expect(problem('1Gb', 'bandwidth')).toEqual({ rule: "unknown unit 'Gb'", suggestion: '1Gbps' });
    expect(problem('3 parsecs', 'duration')).toEqual({ rule: "unknown unit 'parsecs'", suggestion: undefined });
  });

  test('not a quantity at all', () => {
    expect(problem('fast', 'duration')).toEqual({ rule: 'not a duration: expected a number followed by a unit' });
    expect(problem(true, 'rate')).toEqual({ rule: 'must be a rate' });
    expect(problem(null, 'size')).toEqual({ rule: 'must be a size' });
    expect(problem('1e999s', 'duration')).toEqual({ rule: 'not a finite duration' });
  });
});

describe('schema patterns (for editors) agree with the parser', () => {
  const matches = (kind: QuantityKind, text: string, extra: string[] = []) => new RegExp(quantityPattern(kind, extra), 'u').test(text);

  test('valid quantities match', () => {
    for (const text of ['150ms', '1.5 s', '.5h', '2', '1e3us', '250µs']) expect(matches('duration', text), text).toBe(true);
    for (const text of ['4KB', '0', '0B', '1 GiB']) expect(matches('size', text), text).toBe(true);
    for (const text of ['9/s', '60 req/min', '3']) expect(matches('rate', text), text).toBe(true);
    for (const text of ['1Gbps', '125MB/s']) expect(matches('bandwidth', text), text).toBe(true);
    expect(matches('size', 'unbounded', ['unbounded'])).toBe(true);
  });

  test('invalid ones do not', () => {
    for (const text of ['-1s', '5kg', 'fast', '4KB']) expect(matches('duration', text), text).toBe(false);
    for (const text of ['100', '4kb', 'unbounded']) expect(matches('size', text), text).toBe(false);
    expect(matches('bandwidth', '1GB')).toBe(false);
  });
});

describe('did you mean', () => {
  test('typos within a small edit distance, case-only differences, and nothing for far-off words', () => {
    expect(didYouMean('coers', ['group', 'count', 'cores'])).toBe('cores');
    expect(didYouMean('Cores', ['cores'])).toBe('cores');
    expect(didYouMean('bandwith', ['bandwidth', 'storage'])).toBe('bandwidth');
    expect(didYouMean('lru', ['random', 'round-robin', 'least-connections'])).toBeUndefined();
    expect(didYouMean('cores', ['cores'])).toBeUndefined();
  });
});
