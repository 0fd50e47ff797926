import type { Station } from '../model/station.js';
import type { HeartbeatDetector } from './heartbeat-detector.js';

/**
 * What a replication needs from a topology: requests in, stations for utilisation, the failure operations the
 * failure models act through, the hooks of the measurement window, and per-node storage and NIC counters.
 */
export interface Topology {
  readonly stations: readonly Station[];
  readonly storageUsed: Float64Array;
  readonly bytesMoved: Float64Array;
  /** Time integral of the requests in the system (reset to 0 at the end of the warm-up). */
  inSystemArea: number;
  /** Told of every delivered reply (measured or not); null: nobody. */
  onReplyDelivered: (() => void) | null;
  /** Told when a measured request reaches its final outcome (success or failure); null: nobody. */
  onMeasuredFinished: (() => void) | null;
  /** The dispatcher's heartbeat failure detector; null without failures. */
  readonly detector: HeartbeatDetector | null;
  /** A new request has been filled in the request table at its arrival time. */
  arrive(request: number): void;
  /** Brings the in-system area up to now and returns it. */
  flushInSystemArea(): number;
  crash(node: number, cause: string): void;
  restore(node: number): void;
  cut(node: number, cause: string): void;
  heal(node: number): void;
  slow(node: number, factor: number): void;
  unslow(node: number, factor: number): void;
}
