import { LatencySketch } from '../../metrics/latency-sketch.js';
import type { SpeculativeRetry } from './spec.js';

/** Round trips per block of the percentile estimate: the threshold follows the latest block's percentile. */
export const SPECULATION_BLOCK = 1000;

/**
 * Which replicas a `readFanout: quorum` read asks, and when it asks one more (Cassandra's read path: the coordinator
 * asks R replicas, the "closest" first, and sends one speculative request to another replica when the read has not
 * completed within the table's `speculative_retry` threshold, 99p by default; a percentile threshold that follows the
 * observed latency is CASSANDRA-14293's MIN/MAX(99p, 50ms) discussion's starting point).
 *
 * Nearest first: the coordinator's own replica (no hop), then replicas in its zone, its region, elsewhere; a
 * replica the failure detector suspects comes after every trusted one; ties by ring order (slot).
 *
 * A percentile threshold is the percentile of the replica round trips (task sent to reply back at the coordinator)
 * of the last completed block of `SPECULATION_BLOCK` of them, so it follows a replica that turns slow; before the
 * first block is complete it is unknown and no read speculates. Memory: one sketch of one block.
 */
export class ReadTargets {
  private readonly order: Int32Array;
  private readonly distance: Float64Array;
  private block = new LatencySketch();
  private threshold: number;

  constructor(
    private readonly replicas: number,
    private readonly retry: SpeculativeRetry,
    /**
     * How far replica node `to` is from coordinator `from` (smaller is nearer); `region`: the clients' region (an
     * index of the network's regions, -1: none), for clients that coordinate themselves.
     */
    private readonly distanceOf: (from: number, to: number, region: number) => number,
    /** The node of `key`'s replica `slot`. */
    private readonly replicaOf: (key: number, slot: number) => number,
  ) {
    this.order = new Int32Array(replicas);
    this.distance = new Float64Array(replicas);
    this.threshold = retry.kind === 'after' ? retry.seconds : Infinity;
  }

  /**
   * `key`'s replica slots in asking order, for `coordinator` (and clients in `region`). The array is reused by the
   * next call (and no closure is made per read: the key is an argument).
   */
  nearestFirst(coordinator: number, key: number, region: number): Int32Array {
    const { order, distance } = this;
    for (let slot = 0; slot < this.replicas; slot++) {
      const d = this.distanceOf(coordinator, this.replicaOf(key, slot), region);
      // Insertion sort: N is small (3 to 5), and equal distances keep ring order.
      let at = slot;
      while (at > 0 && distance[at - 1] > d) {
        distance[at] = distance[at - 1];
        order[at] = order[at - 1];
        at--;
      }
      distance[at] = d;
      order[at] = slot;
    }
    return order;
  }

  /** How long after its start a read still short of its replies asks one more replica (Infinity: it does not). */
  get speculateAfter(): number {
    return this.threshold;
  }

  /** A read's replica answered `roundTrip` seconds after it was asked. */
  observe(roundTrip: number): void {
    if (this.retry.kind !== 'percentile') return;
    this.block.record(roundTrip);
    if (this.block.count < SPECULATION_BLOCK) return;
    this.threshold = this.block.quantile(this.retry.quantile);
    this.block = new LatencySketch();
  }
}
