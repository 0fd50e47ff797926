import type { Simulator } from '../engine/simulator.js';
import type { AvailabilityTracker } from '../metrics/availability.js';
import type { NodeSpec } from '../model/spec.js';
import type { Station } from '../model/station.js';
import type { HeartbeatDetector } from './heartbeat-detector.js';
import { settledSlowFactor } from './node-stations.js';
import type { NodeSet } from './runtime/node-set.js';
import { grownFloat64, grownInt32, grownUint8 } from '../engine/growable.js';
import type { NodeTable } from '../model/node-table.js';

/**
 * What the failure models have done to each node, the same for every topology: crashes and partitions counted per
 * node so that overlapping episodes nest (a node is down while any crash holds it, cut off while any partition
 * does), the crash epoch (a request that reached a node before its latest crash was lost with it), and the slow
 * factor. It keeps the availability tracker and the heartbeat detector told, in the same order everywhere; each
 * topology passes in what a crash, a repair, a cut or a heal means for its own requests, and is called only on the
 * first crash and the last repair (or the first cut and the last heal) of overlapping episodes.
 */
export class NodeConditions {
  /** Per node; grown by `addNode`, so a topology that keeps them re-reads them after an addition. */
  downCount: Int32Array;
  cutCount: Int32Array;
  /**
   * 1 while the node is up and reachable (no crash and no partition holds it), else 0: what a request's path tests
   * first. A byte per node, where the two counts are four each and two cache lines: at 10 000 nodes this column
   * stays in cache (issue 17). Kept by every change of the counts here (and `removeForGood`).
   */
  heard: Uint8Array;
  epoch: Int32Array;
  slowFactor: Float64Array;
  /** Set once the topology has built it (its callbacks ask `isHeard`). */
  detector: HeartbeatDetector | null = null;
  /** The node set, told of each node's health (up, down, cut) when a topology follows membership; else null. */
  nodeSet: NodeSet | null = null;

  constructor(
    private readonly sim: Simulator,
    private readonly nodes: NodeTable,
    private readonly stations: readonly Station[],
    private readonly tracker: AvailabilityTracker | null,
  ) {
    const n = nodes.length;
    this.downCount = new Int32Array(n);
    this.cutCount = new Int32Array(n);
    this.heard = new Uint8Array(n).fill(1);
    this.epoch = new Int32Array(n);
    this.slowFactor = new Float64Array(n).fill(1);
  }

  /** A node added at run time: up, reachable, at normal speed. */
  addNode(node: number): void {
    const n = node + 1;
    this.downCount = grownInt32(this.downCount, n);
    this.cutCount = grownInt32(this.cutCount, n);
    this.heard = grownUint8(this.heard, n, 1);
    this.epoch = grownInt32(this.epoch, n);
    this.slowFactor = grownFloat64(this.slowFactor, n, 1);
  }

  /** Up and reachable: its heartbeats get through. */
  isHeard(node: number): boolean {
    return this.heard[node] === 1;
  }

  /** The node leaves the cluster for good: down from now on, with no repair to follow (the caller loses what it held). */
  removeForGood(node: number): void {
    this.downCount[node]++;
    this.heard[node] = 0;
  }

  /** Keeps `heard` in step with the counts. */
  private reflect(node: number): void {
    this.heard[node] = this.downCount[node] === 0 && this.cutCount[node] === 0 ? 1 : 0;
  }

  /** A crash episode starts; on the node's first, `lose` drops what it held, then the detector stops hearing it. */
  crash(node: number, cause: string, lose: () => void): void {
    const wasHeard = this.isHeard(node);
    if (this.downCount[node]++ > 0) return;
    this.reflect(node);
    this.epoch[node]++;
    this.tracker?.setUp(node, false, this.sim.now, cause);
    this.nodeSet?.reflectHealth(node, 'down', this.sim.now);
    lose();
    if (wasHeard) this.detector?.silenced(node, true);
  }

  /** A crash episode ends; after the last, `recover` runs, then the detector hears the node again if reachable. */
  restore(node: number, recover: () => void): void {
    if (--this.downCount[node] > 0) return;
    this.reflect(node);
    this.tracker?.setUp(node, true, this.sim.now, 'repair');
    this.nodeSet?.reflectHealth(node, this.cutCount[node] > 0 ? 'cut' : 'up', this.sim.now);
    recover();
    if (this.cutCount[node] === 0) this.detector?.resumed(node);
  }

  /** A partition episode starts; on the node's first, the detector stops hearing it, then `separate` runs. */
  cut(node: number, cause: string, separate: () => void = noop): void {
    const wasHeard = this.isHeard(node);
    if (this.cutCount[node]++ > 0) return;
    this.reflect(node);
    this.tracker?.setReachable(node, false, this.sim.now, cause);
    if (this.downCount[node] === 0) this.nodeSet?.reflectHealth(node, 'cut', this.sim.now);
    if (wasHeard) this.detector?.silenced(node, false);
    separate();
  }

  /** A partition episode ends; after the last, the detector hears the node again if up, then `rejoin` runs. */
  heal(node: number, rejoin: () => void = noop): void {
    if (--this.cutCount[node] > 0) return;
    this.reflect(node);
    this.tracker?.setReachable(node, true, this.sim.now, 'partition healed');
    if (this.downCount[node] === 0) this.nodeSet?.reflectHealth(node, 'up', this.sim.now);
    if (this.downCount[node] === 0) this.detector?.resumed(node);
    rejoin();
  }

  slow(node: number, factor: number): void {
    this.setSlowFactor(node, this.slowFactor[node] * factor);
  }

  unslow(node: number, factor: number): void {
    this.setSlowFactor(node, this.slowFactor[node] / factor);
  }

  private setSlowFactor(node: number, factor: number): void {
    const settled = settledSlowFactor(factor);
    this.slowFactor[node] = settled;
    this.stations[node].setSpeed(this.nodes.fields(node).speed * settled);
    this.detector?.setSlowFactor(node, settled);
  }
}

const noop = (): void => {};
