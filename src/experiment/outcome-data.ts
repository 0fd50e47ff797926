import { Measurement, type MeasurementData } from '../metrics/measurement.js';
import type { ReplicationOutcome } from './replication.js';

/** A replication's outcome as plain data: what a worker thread sends back. */
export type OutcomeData = Omit<ReplicationOutcome, 'measurement'> & { measurement: MeasurementData };

export function outcomeToData(outcome: ReplicationOutcome): OutcomeData {
  return { ...outcome, measurement: outcome.measurement.toData() };
}

export function outcomeFromData(data: OutcomeData): ReplicationOutcome {
  return { ...data, measurement: Measurement.fromData(data.measurement) };
}
