import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatEstimate,
  formatLongDuration,
  formatNines,
  formatPercent,
  formatRate,
  formatSignificant,
  formatSpan,
  groupThousands,
  NINES_SHOWN,
  ninesOf,
} from '../../../src/report/index.js';

describe('format', () => {
  it('keeps four significant digits without exponent notation', () => {
    expect(formatSignificant(123.456)).toBe('123.5');
    expect(formatSignificant(0.0012346)).toBe('0.001235');
    expect(formatSignificant(123456)).toBe('123 456');
    expect(formatSignificant(6473.2)).toBe('6 473');
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(NaN)).toBe('n/a');
  });

  it('groups the integer part in threes with a space, never the fraction', () => {
    expect(groupThousands('6473')).toBe('6 473');
    expect(groupThousands('86405.125')).toBe('86 405.125');
    expect(groupThousands('-1234567.5')).toBe('-1 234 567.5');
    expect(groupThousands('999.9999')).toBe('999.9999');
  });

  it('picks the duration unit from the magnitude', () => {
    expect(formatDuration(0.000_012_34)).toBe('12.34 µs');
    expect(formatDuration(0.2513)).toBe('251.3 ms');
    expect(formatDuration(1.5)).toBe('1.500 s');
    expect(formatDuration(0)).toBe('0 s');
    // No value (e.g. an objective measured on no request): no unit either.
    expect(formatDuration(NaN)).toBe('n/a');
  });

  it('prints a CI in the unit of its value, writing the unit once', () => {
    expect(formatEstimate({ value: 0.0009, ci95: [0.0008, 0.0011] }, formatDuration)).toEqual({
      value: '900.0 µs',
      ci: '800.0 – 1 100 µs',
    });
    expect(formatEstimate({ value: 48, ci95: [47.5, 48.5] }, formatRate)).toEqual({
      value: '48.00 req/s',
      ci: '47.50 – 48.50 req/s',
    });
    expect(formatEstimate({ value: 0.5, ci95: null }, (x) => formatPercent(x))).toEqual({ value: '50.00 %', ci: '–' });
  });

  it('formats spans, counts and bytes for people', () => {
    expect(formatSpan(7200)).toBe('7 200 s (2 h)');
    expect(formatSpan(600)).toBe('600 s (10 min)');
    expect(formatSpan(30)).toBe('30 s');
    expect(formatCount(1234567)).toBe('1 234 567');
    expect(formatCount(-1234)).toBe('-1 234');
    expect(formatBytes(1.2e9)).toBe('1.20 GB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(Infinity)).toBe('unbounded');
  });

  it('counts nines as -log10(1 - a), infinite at 100 % and above', () => {
    expect(ninesOf(0.999)).toBeCloseTo(3, 12);
    expect(ninesOf(0.9925)).toBeCloseTo(2.1249, 4);
    expect(ninesOf(0)).toBe(0);
    expect(ninesOf(1)).toBe(Infinity);
    // The upper bound of a CI can pass 100 %.
    expect(ninesOf(1.0002)).toBe(Infinity);
    expect(ninesOf(NaN)).toBeNaN();
  });

  it('writes nines with three significant digits, in the singular for one, and caps what a run can show', () => {
    expect(formatNines(2.12)).toBe('2.12 nines');
    expect(formatNines(3)).toBe('3 nines');
    expect(formatNines(1)).toBe('1 nine');
    expect(formatNines(0.3)).toBe('0.3 nines');
    expect(formatNines(5.99)).toBe('5.99 nines');
    expect(NINES_SHOWN).toBe(6);
    // The producer caps a run without downtime at 9; infinity must not leak into the text either.
    for (const large of [6, 9, Infinity]) expect(formatNines(large)).toBe('≥ 6 nines');
    expect(formatNines(NaN)).toBe('n/a');
  });

  it('picks minutes or hours for long durations and keeps the CI in the unit of the value', () => {
    expect(formatLongDuration(0.25)).toBe('250.0 ms');
    expect(formatLongDuration(90)).toBe('90.00 s');
    expect(formatLongDuration(1180)).toBe('19.67 min');
    expect(formatLongDuration(360_000)).toBe('100.0 h');
    expect(formatLongDuration(7200)).toBe('2.000 h');
    expect(formatLongDuration(7199)).toBe('120.0 min');
    expect(formatLongDuration(NaN)).toBe('n/a');
    expect(formatEstimate({ value: 1180, ci95: [100, 2260] }, formatLongDuration)).toEqual({
      value: '19.67 min',
      ci: '1.667 – 37.67 min',
    });
  });
});
