import type { HistogramRow, IncidentRow, NodeRow, TimeseriesRow } from '../experiment/result.js';
import { columnsOf } from './csv.js';

export const timeseriesColumns = columnsOf<TimeseriesRow>({
  start: 'start_s',
  end: 'end_s',
  offered: 'offered_per_s',
  throughput: 'throughput_per_s',
  meanResponse: 'mean_response_s',
  p50Response: 'p50_response_s',
  p99Response: 'p99_response_s',
  inFlight: 'in_flight_requests',
  nodesUp: 'nodes_up',
  utilization: 'utilization_fraction',
});

export const nodeColumns = columnsOf<NodeRow>({
  node: 'node',
  group: 'group',
  zone: 'zone',
  completed: 'completed_requests',
  utilization: 'utilization_fraction',
  meanQueueLength: 'mean_queue_length_requests',
  storageUsed: 'storage_used_bytes',
  bytesMoved: 'bytes_moved',
  nicUtilization: 'nic_utilization_fraction',
  uptime: 'uptime_fraction',
  crashes: 'crashes',
  mtbf: 'mtbf_s',
  mttr: 'mttr_s',
});

/** Every incident of every replication; times in seconds since the end of the warm-up. */
export const incidentColumns = columnsOf<IncidentRow>({
  replication: 'replication',
  start: 'start_s',
  end: 'end_s',
  duration: 'duration_s',
  cause: 'cause',
  requestsFailed: 'requests_failed',
});

export const histogramColumns = columnsOf<HistogramRow>({
  lower: 'lower_s',
  upper: 'upper_s',
  count: 'count',
  cumulative: 'cumulative_fraction',
});
