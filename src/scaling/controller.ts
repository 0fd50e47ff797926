import type { ScalingSpec } from '../model/spec.js';
import type { ScalingControl } from './scaling-control.js';

/** A scaling controller: one file in src/scaling/ and a line in registry.ts. */
export interface ScalingControllerDefinition<S extends ScalingSpec = ScalingSpec> {
  kind: S['controller'];
  description: string;
  /**
   * The `scaling[]` keys the controller reads besides the common ones (group, min, max, controller, provisioning,
   * drain): any other key is a positioned error for it (scenario/resolve-scaling.ts).
   */
  keys: readonly string[];
  /** The fewest nodes it can hold a group at: 0 when it starts nodes for waiting requests, else 1. */
  lowestMin: 0 | 1;
  /** Starts the controller of `spec` (entry `index` of `scaling`) over the cluster. */
  install(spec: S, control: ScalingControl, index: number): void;
}
