import { serialize, deserialize } from 'node:v8';
import { DDSketch } from '@datadog/sketches-js';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { LatencySketch } from '../../../src/metrics/latency-sketch.js';

function lognormalSample(count: number, seed: string): number[] {
  const rng = new RandomStreams(seed).stream('values');
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    // Box-Muller: a wide spread (sigma 3) so that the sketch spans many octaves and re-sizes its store often.
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    values.push(Math.exp(3 * z - 2));
  }
  return values;
}

describe('LatencySketch', () => {
  it('records a value exactly as sketches-js accepts it: same store, bins, count, sum, min and max', () => {
    // The reference is the library's own DDSketch.accept, value for value: a wide spread that extends the store
    // below and above many times, with zeros, a negative value and subnormal values below the smallest bucket (counted as zeros).
    const values = [...lognormalSample(30_000, 'record-vs-accept'), 0, 1e-320, 5e-324, 1e5, 3.5, -2, 0, 7e-9];
    const ours = new LatencySketch();
    const library = new DDSketch({ relativeAccuracy: LatencySketch.relativeAccuracy });
    for (const v of values) {
      ours.record(v);
      library.accept(v);
    }
    const data = ours.toData();
    expect(data.store.bins).toEqual(library.store.bins);
    expect([data.store.offset, data.store.minKey, data.store.maxKey, data.store.count]).toEqual([
      library.store.offset,
      library.store.minKey,
      library.store.maxKey,
      library.store.count,
    ]);
    expect([data.count, data.sum, data.min, data.max, data.zeroCount]).toEqual([
      library.count,
      library.sum,
      library.min,
      library.max,
      library.zeroCount,
    ]);
    expect(library.negativeStore.count).toBe(1);
  });

  it('crosses a thread as packed data and comes back state for state: same digest, same quantiles, and it still merges', () => {
    // The store keeps empty bins around the occupied ones (it grows in chunks); packed data carries only the occupied
    // run, so the digest (which spells out the store's offset and every bin) is the check that nothing moved.
    const sketch = new LatencySketch();
    for (const v of lognormalSample(20_000, 'sketch-data')) sketch.record(v);
    sketch.record(0);
    expect(sketch.toPackedData().store.length).toBeGreaterThan(sketch.toPackedData().store.occupied.length);
    const back = LatencySketch.fromPackedData(deserialize(serialize(sketch.toPackedData())));
    expect(back.digest()).toBe(sketch.digest());
    for (const q of [0.001, 0.5, 0.99]) expect(back.quantile(q)).toBe(sketch.quantile(q));
    const empty = LatencySketch.fromPackedData(deserialize(serialize(new LatencySketch().toPackedData())));
    expect(empty.digest()).toBe(new LatencySketch().digest());
    back.merge(empty);
    expect(back.digest()).toBe(sketch.digest());
    const twice = new LatencySketch();
    twice.merge(sketch);
    twice.merge(back);
    expect(twice.count).toBe(2 * sketch.count);
  });

  it('reports every quantile within its relative accuracy of the exact sample quantile', () => {
    const values = lognormalSample(100_000, 'sketch-accuracy');
    const sketch = new LatencySketch();
    for (const v of values) sketch.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.01, 0.1, 0.5, 0.9, 0.99, 0.999]) {
      // DDSketch's rank convention: the value of rank floor(q (n - 1)).
      const exact = sorted[Math.floor(q * (sorted.length - 1))];
      expect(Math.abs(sketch.quantile(q) - exact) / exact).toBeLessThanOrEqual(LatencySketch.relativeAccuracy * 1.0001);
    }
    expect(sketch.count).toBe(values.length);
  });

  it('adds what another sketch grew since a checkpoint, bucket for bucket', () => {
    const before = lognormalSample(20_000, 'growth-before');
    const after = lognormalSample(30_000, 'growth-after');
    const running = new LatencySketch();
    for (const v of before) running.record(v);
    running.recordZeros(7);
    const since = running.checkpoint();
    for (const v of after) running.record(v);
    running.recordZeros(5);

    const grown = new LatencySketch();
    grown.addGrowth(running, since);
    const direct = new LatencySketch();
    for (const v of after) direct.record(v);
    direct.recordZeros(5);

    expect(grown.count).toBe(direct.count);
    expect(grown.zeroCount).toBe(5);
    expect(grown.buckets()).toEqual(direct.buckets());
  });

  it('sizes the grown sketch as the library would: the same store, bin for bin, offset and range', () => {
    const running = new LatencySketch();
    for (const v of lognormalSample(5_000, 'growth-store-before')) running.record(v);
    const since = running.checkpoint();
    for (const v of lognormalSample(8_000, 'growth-store-after')) running.record(v * 3);
    running.recordZeros(2);
    const grown = new LatencySketch();
    grown.addGrowth(running, since);

    // The reference: sketches-js's own accept, in the order addGrowth documents (the highest bucket, the lowest,
    // then the rest upwards, then the zeros), every range extension done by the library itself.
    const source = running.toData();
    const library = new DDSketch({ relativeAccuracy: LatencySketch.relativeAccuracy });
    const growth = source.store.bins.map((n, i) => n - (since.bins[i + source.store.offset - since.offset] ?? 0));
    const keys = growth.flatMap((n, i) => (n > 0 ? [i] : []));
    const order = [keys.at(-1)!, keys[0], ...keys.slice(1, -1)];
    for (const i of order) library.accept(library.mapping.value(i + source.store.offset), growth[i]);
    library.accept(0, 2);

    const data = grown.toData();
    const store = library.store as unknown as { bins: number[]; offset: number; minKey: number; maxKey: number; count: number };
    expect(data.store).toEqual({ bins: store.bins, offset: store.offset, minKey: store.minKey, maxKey: store.maxKey, count: store.count });
    expect([data.count, data.sum, data.min, data.max, data.zeroCount]).toEqual([library.count, library.sum, library.min, library.max, library.zeroCount]);
  });
});
