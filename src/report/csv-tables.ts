import type { HistogramRow, NodeRow, TimeseriesRow } from '../experiment/result.js';
import { columnsOf } from './csv.js';

export const timeseriesColumns = columnsOf<TimeseriesRow>({
  start: 'start_s',
  end: 'end_s',
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
});

export const histogramColumns = columnsOf<HistogramRow>({
  lower: 'lower_s',
  upper: 'upper_s',
  count: 'count',
  cumulative: 'cumulative_fraction',
});
