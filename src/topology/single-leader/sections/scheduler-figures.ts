import { fraction, nonNegative } from '../../../metrics/confidence.js';
import { ReplicationColumn } from '../../../metrics/replication-column.js';
import type { ScenarioSpec } from '../../../model/spec.js';
import type { ReplicationView } from '../../section.js';
import type { SchedulerOutcome } from '../scheduler.js';
import { SCHEDULER_SECTION } from './ids.js';
import type { Summary } from '../../../experiment/result.js';

/** The single-leader scheduler's figures per replication (`scheduler` of summary.json). */
export class SchedulerFigures {
  private readonly reassigned = new ReplicationColumn();
  private readonly duplicates = new ReplicationColumn();
  private readonly leaderUtilization = new ReplicationColumn();
  private readonly leaderNicUtilization = new ReplicationColumn();

  constructor(private readonly spec: ScenarioSpec) {}

  add(o: ReplicationView): void {
    this.reassigned.push((o.sections[SCHEDULER_SECTION] as SchedulerOutcome | undefined)?.reassigned ?? 0);
    this.duplicates.push((o.sections[SCHEDULER_SECTION] as SchedulerOutcome | undefined)?.duplicates ?? 0);
    this.leaderUtilization.push((o.sections[SCHEDULER_SECTION] as SchedulerOutcome | undefined)?.leaderUtilization ?? 0);
    this.leaderNicUtilization.push((o.sections[SCHEDULER_SECTION] as SchedulerOutcome | undefined)?.leaderNicUtilization ?? 0);
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
