import { FailureCause, failureCauseNames } from '../../metrics/failure-causes.js';

/** The causes a single-leader store's writes can fail with: the common ones and no-leader (not later topologies'). */
export const singleLeaderCauseNames = failureCauseNames.slice(0, FailureCause.noLeader + 1);

/** Measured failures of one replication that write availability needs, as plain data. */
export interface WriteFailureData {
  /** Measured writes that failed, per cause (indexed like `singleLeaderCauseNames`). */
  writesFailedByCause: number[];
  /** Measured requests (reads and writes) that failed while the cluster had no leader, or as it lost it. */
  failedDuringFailover: number;
}

/**
 * Request-based write unavailability: the measured writes that failed, by cause, and every measured request that
 * failed during a failover. A request counts as failed during a failover when the cluster had no leader when it failed,
 * or when it failed in the crash that took the leader (at the instant the failover starts).
 */
export class WriteFailures {
  private readonly byCause = new Array<number>(singleLeaderCauseNames.length).fill(0);
  private duringFailover = 0;

  /** A measured request failed for good. */
  failed(isWrite: boolean, cause: number, duringFailover: boolean): void {
    if (isWrite) this.byCause[cause]++;
    if (duringFailover) this.duringFailover++;
  }

  toData(): WriteFailureData {
    return { writesFailedByCause: this.byCause.slice(), failedDuringFailover: this.duringFailover };
  }
}

/**
 * Seconds of [from, to) without a leader: the intervals [lostAt, end) of the failovers (an open one, end NaN, runs to
 * `to`), clipped to the window. A failover that began before the window counts from `from`.
 */
export function timeWithoutLeaderIn(failovers: readonly { lostAt: number; end: number }[], from: number, to: number): number {
  let total = 0;
  for (const f of failovers) {
    const start = f.lostAt > from ? f.lostAt : from;
    const end = Number.isNaN(f.end) || f.end > to ? to : f.end;
    if (end > start) total += end - start;
  }
  return total;
}
