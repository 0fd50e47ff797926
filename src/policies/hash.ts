/**
 * Deterministic 32-bit hashing for the hash policies (consistent-hash, client-hash): murmur3's finaliser fmix32
 * (Appleby, MurmurHash3, public domain), a bijection on 32-bit integers with full avalanche. No ambient randomness,
 * no clock, no platform dependence: the same ids hash to the same ring positions in every run.
 */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A hash of a pair of 32-bit integers (a ring point of a node's virtual node, an id under a salt). */
export function hashPair(a: number, b: number): number {
  return fmix32(fmix32(a) ^ Math.imul((b + 0x9e3779b9) | 0, 0xcc9e2d51));
}
