/**
 * BucketRepresentatives caches sketches-js's own `mapping.value(key)` per key, and whether `mapping.key` of it is
 * the key again: checked against the library for keys met in an order that grows the table on both sides.
 */
import { DDSketch } from '@datadog/sketches-js';
import { describe, expect, it } from 'vitest';
import { BucketRepresentatives } from '../../../src/metrics/bucket-representatives.js';
import { LatencySketch } from '../../../src/metrics/latency-sketch.js';

describe('BucketRepresentatives', () => {
  it("gives the library's representative of every key and whether it maps back, wherever the keys start", () => {
    const mapping = new DDSketch({ relativeAccuracy: LatencySketch.relativeAccuracy }).mapping;
    const table = new BucketRepresentatives(mapping);
    // First a key far from 0, then jumps larger than the table: it grows below, above and below again.
    const keys = [2100, 3, -700, 2500, -6000, 6000, 1, -1, ...Array.from({ length: 4001 }, (_, i) => (i * 7919) % 12_001 - 6000)];
    let mapsBack = 0;
    for (const key of keys) {
      const value = mapping.value(key);
      expect(table.value(key)).toBe(value);
      const back = mapping.key(value) === key;
      if (back) expect(table.valueMappingBack(key)).toBe(value);
      else expect(table.valueMappingBack(key)).toBeNaN();
      if (back) mapsBack++;
    }
    // Almost every representative maps back to its key: the fast path of addGrowth is the common one.
    expect(mapsBack / keys.length).toBeGreaterThan(0.99);
  });
});
