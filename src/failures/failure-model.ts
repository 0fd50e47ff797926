import type { ClusterControl } from '../model/cluster-control.js';
import type { FailureSpec } from '../model/spec.js';

/** How many events a failure model expects in one replication's measured window: for the rare-event warning. */
export interface ExpectedEvents {
  /** Expected events in the window of one replication. */
  count: number;
  /** 'crash' / 'crashes': what one event is called. */
  event: string;
  events: string;
  /** Nodes with a process each (crash); absent when an event takes the whole selection at once. */
  nodes?: number;
  /** The random process's mean cycle in seconds and its name; absent with fixed times only. */
  cycle?: { seconds: number; name: string };
  /** The key that sets how often events happen: 'timeToFailure', 'timeBetween'. */
  key: string;
  /** The figures that rest on these events: 'the availability figures'. */
  figures: string;
}

/** A failure model: one kind of `failures:` entry. `install` schedules its first events on the cluster. */
export interface FailureModelDefinition<Spec extends FailureSpec = FailureSpec> {
  kind: Spec['kind'];
  description: string;
  install(spec: Spec, control: ClusterControl, index: number): void;
  /**
   * Expected events in the window [start, end) (seconds since the start of the run) of one replication, with
   * `nodes` selected; absent for scripted models, whose times the failure-time warning checks.
   */
  expectedEvents?(spec: Spec, nodes: number, window: { start: number; end: number }): ExpectedEvents;
}
