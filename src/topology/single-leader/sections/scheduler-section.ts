import { whenPresent, type ReplicationView, type SectionDefinition } from '../../section.js';
import { SCHEDULER_SECTION } from './ids.js';
import { SchedulerFigures } from './scheduler-figures.js';

/**
 * `scheduler` of summary.json: reassignments, duplicates and the leader's load, per replication of a single-leader
 * scheduler. Its figures are shown in the Leader elections section (single-leader-section.ts), so it renders nothing
 * of its own.
 */
export const schedulerSection: SectionDefinition<undefined> = {
  id: SCHEDULER_SECTION,
  accumulate(spec) {
    const figures = new SchedulerFigures(spec);
    const accumulator = {
      add: (replication: ReplicationView) => figures.add(replication),
      summary: () => ({ scheduler: figures.summary() }),
      result: () => undefined,
    };
    return whenPresent(SCHEDULER_SECTION, accumulator, undefined);
  },
};
