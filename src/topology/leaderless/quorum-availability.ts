import type { KeySpec } from '../../model/spec.js';
import type { ReplicaRing } from './replica-ring.js';

/** Key i's share of a class's requests: uniform, or zipf 1 / (i + 1)^s normalised (model/key-popularity.ts). */
export function keyWeights(spec: KeySpec, keyCount: number): Float64Array {
  const weights = new Float64Array(keyCount);
  let total = 0;
  for (let i = 0; i < spec.count; i++) {
    const w = spec.popularity === 'uniform' || spec.exponent === 0 ? 1 : 1 / Math.pow(i + 1, spec.exponent);
    weights[i] = w;
    total += w;
  }
  for (let i = 0; i < spec.count; i++) weights[i] /= total;
  return weights;
}

/**
 * Time-based availability of a leaderless store: at each instant, the popularity-weighted fraction of keys whose
 * quorum could be gathered, a read's when at least R of the key's replicas are healthy (up and not cut off), a
 * write's when at least W are (with a sloppy quorum: when at least W nodes of the cluster are); integrated over the
 * measured window. It changes only when a node's health does, when it is recomputed over every key (O(keys x N)).
 */
export class QuorumAvailability {
  private readValue = 1;
  private writeValue = 1;
  private readArea = 0;
  private writeArea = 0;
  private from = 0;
  private last = 0;
  private to = NaN;

  constructor(
    private readonly ring: ReplicaRing,
    /** Per key, its weight among the reads (writes); each sums to 1. */
    private readonly readWeights: Float64Array,
    private readonly writeWeights: Float64Array,
    private readonly readQuorum: number,
    private readonly writeQuorum: number,
    private readonly sloppy: boolean,
    private readonly healthy: (node: number) => boolean,
  ) {}

  /** A node's health changed at `now`. */
  change(now: number): void {
    this.accumulate(now);
    const replicas = this.ring.replicas;
    let healthyNodes = 0;
    for (let node = 0; node < this.ring.nodeCount; node++) if (this.healthy(node)) healthyNodes++;
    let read = 0;
    let write = 0;
    const keys = this.readWeights.length;
    for (let key = 0; key < keys; key++) {
      const rw = this.readWeights[key];
      const ww = this.writeWeights[key];
      if (rw === 0 && ww === 0) continue;
      let up = 0;
      for (let slot = 0; slot < replicas; slot++) if (this.healthy(this.ring.replica(key, slot))) up++;
      if (up >= this.readQuorum) read += rw;
      if (this.sloppy ? healthyNodes >= this.writeQuorum : up >= this.writeQuorum) write += ww;
    }
    this.readValue = read;
    this.writeValue = write;
  }

  begin(now: number): void {
    this.from = this.last = now;
    this.readArea = this.writeArea = 0;
    this.to = NaN;
  }

  end(now: number): void {
    this.accumulate(now);
    this.to = now;
  }

  /** The window's averages (NaN before its end). */
  fractions(): { read: number; write: number } {
    const span = this.to - this.from;
    return { read: this.readArea / span, write: this.writeArea / span };
  }

  private accumulate(now: number): void {
    if (!Number.isNaN(this.to)) return; // after the window: not counted
    this.readArea += this.readValue * (now - this.last);
    this.writeArea += this.writeValue * (now - this.last);
    this.last = now;
  }
}
