import { grownFloat64 } from '../../engine/growable.js';
import type { NodeSpec } from '../../model/spec.js';
import type { NodeTable } from '../../model/node-table.js';

/**
 * One NIC per node, the one NIC model of every topology: one transfer at a time in FIFO order, so a transfer's end
 * is known when it is queued; it takes `bytes / (bandwidth x slow factor)`. Unbounded bandwidth transfers in no
 * time (and then nothing waits, so a model without finite bandwidth runs exactly as without NICs). Every byte queued
 * counts in `bytesMoved` (the per-node figure of the report).
 */
export class NicQueues {
  private freeAt: Float64Array;

  constructor(
    private readonly nodes: NodeTable,
    /** Bytes queued per node; the replication's runner resets it at the end of the warm-up. */
    public bytesMoved: Float64Array,
    /** The nodes' slow factors (a slowed node's NIC slows with it), shared with the topology. */
    private slowFactor: Float64Array,
  ) {
    this.freeAt = new Float64Array(nodes.length);
  }

  /** A node added at run time: its NIC, free; `bytesMoved` and `slowFactor` are the topology's grown columns. */
  addNode(bytesMoved: Float64Array, slowFactor: Float64Array): void {
    this.freeAt = grownFloat64(this.freeAt, this.freeAt.length + 1);
    this.bytesMoved = bytesMoved;
    this.slowFactor = slowFactor;
  }

  /** Queues `bytes` on `node`'s NIC at `now` and returns when they have been transferred. */
  transfer(node: number, bytes: number, now: number): number {
    if (bytes <= 0) return this.freeAt[node] > now ? this.freeAt[node] : now;
    this.bytesMoved[node] += bytes;
    const bandwidth = this.nodes.fields(node).bandwidth;
    if (bandwidth === Infinity) return this.freeAt[node] > now ? this.freeAt[node] : now;
    const start = this.freeAt[node] > now ? this.freeAt[node] : now;
    const end = start + bytes / (bandwidth * this.slowFactor[node]);
    this.freeAt[node] = end;
    return end;
  }

  /** How long `bytes` occupy `node`'s NIC (0 with unbounded bandwidth): a transfer's busy time, for utilisation. */
  transferTime(node: number, bytes: number): number {
    const bandwidth = this.nodes.fields(node).bandwidth;
    return bytes <= 0 || bandwidth === Infinity ? 0 : bytes / (bandwidth * this.slowFactor[node]);
  }

  /** A crash drops what the NIC was sending: it is free from `now`. */
  reset(node: number, now: number): void {
    this.freeAt[node] = now;
  }
}
