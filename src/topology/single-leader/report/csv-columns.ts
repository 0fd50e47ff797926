import type { ElectionRow, ReplicationLagRow } from '../../../experiment/result.js';
import { columnsOf } from '../../../report/csv.js';

/** Every election of every replication (single-leader topology); times in seconds since the end of the warm-up. */
export const electionColumns = columnsOf<ElectionRow>({
  replication: 'replication',
  start: 'start_s',
  end: 'end_s',
  duration: 'duration_s',
  term: 'term',
  rounds: 'rounds',
  cause: 'cause',
});

/** Replication lag per interval (single-leader replicated store); times in seconds since the end of the warm-up. */
export const replicationLagColumns = columnsOf<ReplicationLagRow>({
  start: 'start_s',
  end: 'end_s',
  meanLag: 'mean_lag_entries',
  maxLag: 'max_lag_entries',
});
