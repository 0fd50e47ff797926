/**
 * The sketch's logarithmic key from a value's bits (src/metrics/logarithmic-key.ts) against the formula it replaces,
 * Math.ceil(Math.log2(value) * multiplier): the same integer everywhere, above all where the formula steps from one
 * key to the next (the values an estimate is most likely to get wrong).
 */
import { DDSketch } from '@datadog/sketches-js';
import { describe, expect, it } from 'vitest';
import { LogarithmicKey } from '../../../src/metrics/logarithmic-key.js';

const multipliers = [0.002, 0.01, 0.0005].map(
  (relativeAccuracy) => (new DDSketch({ relativeAccuracy }).mapping as unknown as { _multiplier: number })._multiplier,
);

/** A small deterministic generator (the test's own, not the simulator's streams). */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
}

/** The double next to `value` (up: +1, down: -1), for positive finite values. */
function step(value: number, direction: 1 | -1, times = 1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(direction * times));
  return view.getFloat64(0);
}

describe('LogarithmicKey', () => {
  for (const multiplier of multipliers) {
    const formula = (value: number) => Math.ceil(Math.log2(value) * multiplier);

    it(`gives the formula's key for 10^6 values spread over 600 binades (multiplier ${multiplier.toFixed(2)})`, () => {
      const keys = new LogarithmicKey(multiplier);
      const draw = uniforms(7);
      let differ = 0;
      for (let i = 0; i < 1e6; i++) {
        const value = 2 ** (600 * draw() - 300) * (1 + draw());
        if (keys.key(value) !== formula(value)) differ++;
      }
      expect(differ).toBe(0);
    });

    it(`gives it on the 8 values either side of 5 000 key boundaries (multiplier ${multiplier.toFixed(2)})`, () => {
      const keys = new LogarithmicKey(multiplier);
      const draw = uniforms(11);
      let checked = 0;
      for (let i = 0; i < 5_000; i++) {
        // The first value whose key is k, found with the formula itself: a boundary between keys k - 1 and k.
        const k = Math.round((draw() * 60 - 30) * multiplier);
        let low = 2 ** ((k - 1) / multiplier) / 2;
        let high = 2 ** (k / multiplier) * 2;
        while (formula(low) >= k) low /= 2;
        while (formula(high) < k) high *= 2;
        for (let j = 0; j < 200 && high !== step(low, 1); j++) {
          const middle = (low + high) / 2;
          if (middle === low || middle === high) break;
          if (formula(middle) >= k) high = middle;
          else low = middle;
        }
        for (let d = -8; d <= 8; d++) {
          const value = d < 0 ? step(high, -1, -d) : step(high, 1, d);
          expect(keys.key(value), `value ${value}`).toBe(formula(value));
          checked++;
        }
      }
      expect(checked).toBe(5_000 * 17);
    });
  }

  it('gives it at powers of two, at 1 and next to it, at the smallest normal double and at the largest finite one', () => {
    const multiplier = multipliers[0];
    const keys = new LogarithmicKey(multiplier);
    const values = [1, step(1, 1), step(1, -1), 2 ** -1022, step(2 ** -1022, 1), Number.MAX_VALUE, 1e-9, 1e9];
    for (let e = -1022; e <= 1023; e += 7) values.push(2 ** e, step(2 ** e, 1));
    for (const value of values) expect(keys.key(value), `value ${value}`).toBe(Math.ceil(Math.log2(value) * multiplier));
    // Infinity and NaN (never recorded: the sketch routes them through the library) take the formula's answer.
    expect(keys.key(Infinity)).toBe(Infinity);
    expect(keys.key(NaN)).toBeNaN();
  });

  it('stays exact for a multiplier so large that its estimate rarely decides (every key from the formula)', () => {
    const multiplier = 1e7;
    const keys = new LogarithmicKey(multiplier);
    const draw = uniforms(3);
    for (let i = 0; i < 10_000; i++) {
      const value = 2 ** (40 * draw() - 20);
      expect(keys.key(value)).toBe(Math.ceil(Math.log2(value) * multiplier));
    }
  });
});
