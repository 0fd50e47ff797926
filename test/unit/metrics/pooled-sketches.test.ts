/**
 * PooledSketches (src/metrics/pooled-sketches.ts), the time series' pool of interval sketches: every quantile equals
 * the one sketches-js gives after merging the same sketches into one DDSketch (its own merge is the reference), for
 * sketches that reach below, above, both and neither of what was pooled before, with zeros, empty sketches and
 * sketches of zeros only, whether they arrive packed from a worker or as sketches of this thread.
 */
import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { LatencySketch } from '../../../src/metrics/latency-sketch.js';
import { PooledSketches } from '../../../src/metrics/pooled-sketches.js';

function shapes(seed: string): LatencySketch[] {
  const rng = new RandomStreams(seed).stream('shapes');
  const zerosOnly = new LatencySketch();
  zerosOnly.recordZeros(3);
  const all = [new LatencySketch(), zerosOnly];
  for (let s = 0; s < 14; s++) {
    const sketch = new LatencySketch();
    // Scales from about 1 ms to 20 s, so that later sketches reach keys far below and above earlier ones.
    const scale = Math.exp(10 * rng() - 7);
    const count = 1 + Math.floor(rng() * 2000);
    for (let i = 0; i < count; i++) {
      const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      sketch.record(scale * Math.exp(z));
    }
    if (s % 3 === 0) sketch.recordZeros(1 + s);
    all.push(sketch);
  }
  return all;
}

const quantiles = [0, 1e-6, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1];

describe('PooledSketches', () => {
  it('gives the quantiles of the library merging the same sketches, packed or not, in any order', () => {
    const pool = shapes('pooled-sketches');
    const rng = new RandomStreams('pooled-order').stream('order');
    for (let trial = 0; trial < 40; trial++) {
      const reference = new LatencySketch();
      const packed = new PooledSketches();
      const local = new PooledSketches();
      const picks = 1 + Math.floor(rng() * 10);
      for (let p = 0; p < picks; p++) {
        const sketch = pool[Math.floor(rng() * pool.length)];
        reference.merge(LatencySketch.fromPackedData(sketch.toPackedData()));
        packed.addPacked(deserialize(serialize(sketch.toPackedData())));
        local.add(sketch);
      }
      expect(packed.count).toBe(reference.count);
      for (const q of quantiles) {
        const expected = reference.count > 0 ? reference.quantile(q) : NaN;
        expect(packed.quantile(q), `trial ${trial}, q ${q}`).toBe(expected);
        expect(local.quantile(q)).toBe(expected);
      }
    }
  });

  it('is empty (NaN) until something with a count is pooled, and refuses another accuracy', () => {
    const pool = new PooledSketches();
    expect(pool.quantile(0.5)).toBeNaN();
    pool.add(new LatencySketch());
    expect(pool.quantile(0.5)).toBeNaN();
    expect(() => pool.add(new LatencySketch(0.01))).toThrow(/accuracy/);
  });
});
