import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatEstimate,
  formatPercent,
  formatRate,
  formatSignificant,
  formatSpan,
} from '../../../src/report/index.js';

describe('format', () => {
  it('keeps four significant digits without exponent notation', () => {
    expect(formatSignificant(123.456)).toBe('123.5');
    expect(formatSignificant(0.0012346)).toBe('0.001235');
    expect(formatSignificant(123456)).toBe('123456');
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(NaN)).toBe('n/a');
  });

  it('picks the duration unit from the magnitude', () => {
    expect(formatDuration(0.000_012_34)).toBe('12.34 µs');
    expect(formatDuration(0.2513)).toBe('251.3 ms');
    expect(formatDuration(1.5)).toBe('1.500 s');
    expect(formatDuration(0)).toBe('0 s');
  });

  it('prints a CI in the unit of its value, writing the unit once', () => {
    expect(formatEstimate({ value: 0.0009, ci95: [0.0008, 0.0011] }, formatDuration)).toEqual({
      value: '900.0 µs',
      ci: '800.0 – 1100 µs',
    });
    expect(formatEstimate({ value: 48, ci95: [47.5, 48.5] }, formatRate)).toEqual({
      value: '48.00 req/s',
      ci: '47.50 – 48.50 req/s',
    });
    expect(formatEstimate({ value: 0.5, ci95: null }, (x) => formatPercent(x))).toEqual({ value: '50.00 %', ci: '–' });
  });

  it('formats spans, counts and bytes for people', () => {
    expect(formatSpan(7200)).toBe('7200 s (2 h)');
    expect(formatSpan(600)).toBe('600 s (10 min)');
    expect(formatSpan(30)).toBe('30 s');
    expect(formatCount(1234567)).toBe('1 234 567');
    expect(formatCount(-1234)).toBe('-1 234');
    expect(formatBytes(1.2e9)).toBe('1.20 GB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(Infinity)).toBe('unbounded');
  });
});
