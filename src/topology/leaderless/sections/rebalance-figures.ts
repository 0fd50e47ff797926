import { NO_ESTIMATE, estimate, nonNegative, type Estimate } from '../../../metrics/confidence.js';
import type { RebalanceRecord } from '../rebalance.js';

/** summary.json `leaderless.rebalances[i]`: one membership change, over the replications that saw it (seconds, bytes). */
export interface RebalanceSummary {
  kind: 'join' | 'leave';
  node: string;
  /** Replications in which it happened (an autoscaler's changes may differ between replications). */
  replications: number;
  at: Estimate;
  keysMoved: Estimate;
  bytes: Estimate;
  /** Over the replications whose streams all landed before the window's end; absent (null) when none did. */
  duration: Estimate;
  /** Replications in which a stream was still on its way at the window's end. */
  unfinished: number;
}

/**
 * Rebalances line up across replications by kind and node: a node's name is never reused, so "store-5 joins" is one
 * change in every replication that has it (a timeline's steps are in all of them; an autoscaler's may be in some, or
 * at other times). Entries are in the order of their first appearance. Each figure is the mean over the replications
 * with the change, with its 95 % Student-t interval.
 */
export class RebalanceFigures {
  private readonly entries: { kind: 'join' | 'leave'; node: string; at: number[]; keys: number[]; bytes: number[]; durations: number[]; unfinished: number }[] = [];

  add(records: readonly RebalanceRecord[]): void {
    for (const record of records) {
      let index = this.entries.findIndex((e) => e.kind === record.kind && e.node === record.node);
      if (index < 0) {
        index = this.entries.length;
        this.entries.push({ kind: record.kind, node: record.node, at: [], keys: [], bytes: [], durations: [], unfinished: 0 });
      }
      const entry = this.entries[index];
      entry.at.push(record.at);
      entry.keys.push(record.keysMoved);
      entry.bytes.push(record.bytes);
      if (record.duration === null) entry.unfinished++;
      else entry.durations.push(record.duration);
    }
  }

  get any(): boolean {
    return this.entries.length > 0;
  }

  summary(): RebalanceSummary[] {
    return this.entries.map((e) => ({
      kind: e.kind,
      node: e.node,
      replications: e.at.length,
      at: estimate(e.at, nonNegative),
      keysMoved: estimate(e.keys, nonNegative),
      bytes: estimate(e.bytes, nonNegative),
      duration: e.durations.length === 0 ? NO_ESTIMATE : estimate(e.durations, nonNegative),
      unfinished: e.unfinished,
    }));
  }
}
