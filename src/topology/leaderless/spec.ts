import type { TopologySpec } from '../../model/spec.js';

/** The coordinator setting as the report writes it: `any`, `client`, `elected` or `group proxies`. */
export function coordinatorLabel(coordinator: LeaderlessTopologySpec['coordinator']): string {
  return typeof coordinator === 'string' ? coordinator : `group ${coordinator.group}`;
}

/** How a quorum was written: a consistency level's word, or a number of replicas. */
export type QuorumLevel = 'one' | 'quorum' | 'all' | 'any' | 'local_one' | 'local_quorum' | 'each_quorum' | number;

/**
 * When a `readFanout: quorum` read asks one more replica: never, a fixed time after it started, or once it has
 * waited longer than a percentile (0 < q < 1) of the replica round trips observed so far (Cassandra's
 * `speculative_retry`, default 99p).
 */
export type SpeculativeRetry = { kind: 'none' } | { kind: 'after'; seconds: number } | { kind: 'percentile'; quantile: number };

/**
 * A leaderless (Dynamo-style) store, resolved: every key lives on `replicas` consecutive distinct nodes of a
 * consistent-hash ring; a write is acknowledged after `writeQuorum` replicas took it, a read uses the first
 * `readQuorum` replies. Times in seconds.
 */
export interface LeaderlessTopologySpec extends TopologySpec {
  kind: 'leaderless';
  /** N: copies of each key (with `replicasPerRegion`, the sum of its counts). */
  replicas: number;
  /**
   * Replicas per region, as written (Cassandra's NetworkTopologyStrategy: a replication factor per datacenter): each
   * key's replicas in a region are the first distinct nodes of that region met clockwise from its hash. null: N
   * consecutive distinct nodes of the whole ring (SimpleStrategy).
   */
  replicasPerRegion: ReadonlyArray<{ region: string; replicas: number }> | null;
  /** Tokens per node on the ring. */
  virtualNodes: number;
  /** W, resolved to a number of acknowledgements (1 .. N). */
  writeQuorum: number;
  /** R, resolved to a number of replies (1 .. N). */
  readQuorum: number;
  /** The levels as written, for the report's labels. */
  writeLevel: QuorumLevel;
  readLevel: QuorumLevel;
  /**
   * any: the balancer picks a coordinator node; client: the client sends to the replicas itself; elected: the live
   * nodes elect one per request, with probability priority x speed, at the cost of one message round; { group }:
   * the balancer picks a node of that group, a stateless coordinator tier that holds no replicas.
   */
  coordinator: 'any' | 'client' | 'elected' | { group: string };
  /**
   * all: a read goes to every replica and uses the first R replies (Dynamo); quorum: to R replicas, nearest first,
   * with `speculativeRetry` to one more (Cassandra).
   */
  readFanout: 'all' | 'quorum';
  /** With readFanout quorum: when a read that has not gathered its R replies asks one more replica. */
  speculativeRetry: SpeculativeRetry;
  /**
   * Whether a write meant for a replica believed down (suspected by the detector) goes to a stand-in, the next
   * healthy node clockwise, with a hint.
   */
  sloppyQuorum: boolean;
  /** Hints are handed over every `replay` seconds when their replica is back; they expire after `maxHintAge`. */
  hintedHandoff: { replay: number; maxHintAge: number };
  /**
   * none; async: a read's coordinator writes the newest version it saw to the replicas that replied older; blocking:
   * the same, and the read answers only once the replicas among its first R replies have acknowledged their repair.
   */
  readRepair: 'none' | 'async' | 'blocking';
  /**
   * Anti-entropy: every `every` seconds the replicas of each key compare and the newest version is copied to the
   * older ones, at most `bandwidth` bytes/s per source node (Infinity: unthrottled); null: off.
   */
  antiEntropy: { every: number; bandwidth: number } | null;
  /** How long a coordinator waits for its quorum before the request fails with `quorum-unavailable`. */
  requestTimeout: number;
  /** Lower edges of the t-visibility buckets (seconds, increasing, from 0); the last bucket is open above. */
  tVisibility: number[];
}
