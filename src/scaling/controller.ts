import type { ScalingSpec } from '../model/spec.js';
import type { ScalingControl } from './scaling-control.js';

/** A scaling controller: one file in src/scaling/ and a line in registry.ts. */
export interface ScalingControllerDefinition {
  kind: ScalingSpec['controller'];
  description: string;
  /** Starts the controller of `spec` (entry `index` of `scaling`) over the cluster. */
  install(spec: ScalingSpec, control: ScalingControl, index: number): void;
}
