import { fraction, nonNegative } from '../../metrics/confidence.js';
import { ReplicationColumn } from '../../metrics/replication-column.js';
import type { ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { Summary } from '../result.js';

/** The single-leader scheduler's figures per replication (`scheduler` of summary.json). */
export class SchedulerFigures {
  private readonly reassigned = new ReplicationColumn();
  private readonly duplicates = new ReplicationColumn();
  private readonly leaderUtilization = new ReplicationColumn();
  private readonly leaderNicUtilization = new ReplicationColumn();

  constructor(private readonly spec: ScenarioSpec) {}

  add(o: ReplicationOutcome): void {
    this.reassigned.push(o.scheduler?.reassigned ?? 0);
    this.duplicates.push(o.scheduler?.duplicates ?? 0);
    this.leaderUtilization.push(o.scheduler?.leaderUtilization ?? 0);
    this.leaderNicUtilization.push(o.scheduler?.leaderNicUtilization ?? 0);
  }

  summary(): NonNullable<Summary['scheduler']> {
    const scheduler: NonNullable<Summary['scheduler']> = {
      reassigned: this.reassigned.estimate(nonNegative),
      duplicates: this.duplicates.estimate(nonNegative),
      leaderUtilization: this.leaderUtilization.estimate(fraction),
    };
    // The leader's NIC is a limit only with a finite bandwidth: without one the figure (always 0) is left out.
    if (this.spec.nodes.some((node) => node.bandwidth !== Infinity)) {
      scheduler.leaderNicUtilization = this.leaderNicUtilization.estimate(fraction);
    }
    return scheduler;
  }
}
