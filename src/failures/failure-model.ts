import type { ClusterControl } from '../model/cluster-control.js';
import type { FailureSpec } from '../model/spec.js';

/** A failure model: one kind of `failures:` entry. `install` schedules its first events on the cluster. */
export interface FailureModelDefinition<Spec extends FailureSpec = FailureSpec> {
  kind: Spec['kind'];
  description: string;
  install(spec: Spec, control: ClusterControl, index: number): void;
}
