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
 * Whether a key's quorum can be gathered: `up` of its replicas healthy, `upByRegion[r]` of them in replica region r
 * (empty without replicas per region), `healthyNodes` in the whole cluster (a sloppy quorum's stand-ins).
 */
export type QuorumTest = (up: number, upByRegion: Int32Array, healthyNodes: number) => boolean;

/** A quorum of `quorum` of the key's N replicas (with a sloppy quorum: of the cluster's nodes). */
export function countQuorum(quorum: number, sloppy: boolean): QuorumTest {
  return (up, _byRegion, healthyNodes) => (sloppy ? healthyNodes : up) >= quorum;
}

/**
 * Time-based availability of a leaderless store: at each instant, the popularity-weighted fraction of keys whose
 * quorum could be gathered (each `QuorumTest` of the reads, or of the writes: a count of the key's healthy replicas,
 * up and not cut off, or a region level's counts per region); integrated over the measured window. It changes only
 * when a node's health does, when it is recomputed over every key (O(keys x N x tests)).
 */
export class QuorumAvailability {
  private readonly readValue: Float64Array;
  private readonly writeValue: Float64Array;
  private readonly readArea: Float64Array;
  private readonly writeArea: Float64Array;
  private readonly upByRegion: Int32Array;
  private from = 0;
  private last = 0;
  private to = NaN;

  constructor(
    private readonly ring: ReplicaRing,
    /** Per key, its weight among the reads (writes); each sums to 1. */
    private readonly readWeights: Float64Array,
    private readonly writeWeights: Float64Array,
    private readonly readTests: readonly QuorumTest[],
    private readonly writeTests: readonly QuorumTest[],
    private readonly healthy: (node: number) => boolean,
    /** A node's replica region (-1: none), and how many there are (0 without replicas per region). */
    private readonly regionOf: (node: number) => number = () => -1,
    regionCount = 0,
  ) {
    this.readValue = new Float64Array(readTests.length).fill(1);
    this.writeValue = new Float64Array(writeTests.length).fill(1);
    this.readArea = new Float64Array(readTests.length);
    this.writeArea = new Float64Array(writeTests.length);
    this.upByRegion = new Int32Array(regionCount);
  }

  /** A node's health changed at `now`. */
  change(now: number): void {
    this.accumulate(now);
    const replicas = this.ring.replicas;
    const byRegion = this.upByRegion;
    let healthyNodes = 0;
    for (let node = 0; node < this.ring.nodeCount; node++) if (this.healthy(node)) healthyNodes++;
    this.readValue.fill(0);
    this.writeValue.fill(0);
    const keys = this.readWeights.length;
    for (let key = 0; key < keys; key++) {
      const rw = this.readWeights[key];
      const ww = this.writeWeights[key];
      if (rw === 0 && ww === 0) continue;
      let up = 0;
      byRegion.fill(0);
      for (let slot = 0; slot < replicas; slot++) {
        const replica = this.ring.replica(key, slot);
        if (!this.healthy(replica)) continue;
        up++;
        const region = this.regionOf(replica);
        if (region >= 0) byRegion[region]++;
      }
      for (let t = 0; t < this.readTests.length; t++) if (this.readTests[t](up, byRegion, healthyNodes)) this.readValue[t] += rw;
      for (let t = 0; t < this.writeTests.length; t++) if (this.writeTests[t](up, byRegion, healthyNodes)) this.writeValue[t] += ww;
    }
  }

  begin(now: number): void {
    this.from = this.last = now;
    this.readArea.fill(0);
    this.writeArea.fill(0);
    this.to = NaN;
  }

  end(now: number): void {
    this.accumulate(now);
    this.to = now;
  }

  /** The window's averages, per read and per write test (NaN before its end). */
  fractions(): { read: number[]; write: number[] } {
    const span = this.to - this.from;
    return { read: Array.from(this.readArea, (area) => area / span), write: Array.from(this.writeArea, (area) => area / span) };
  }

  private accumulate(now: number): void {
    if (!Number.isNaN(this.to)) return; // after the window: not counted
    const dt = now - this.last;
    for (let t = 0; t < this.readValue.length; t++) this.readArea[t] += this.readValue[t] * dt;
    for (let t = 0; t < this.writeValue.length; t++) this.writeArea[t] += this.writeValue[t] * dt;
    this.last = now;
  }
}
