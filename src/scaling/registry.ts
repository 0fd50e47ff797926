import type { ScalingSpec } from '../model/spec.js';
import type { ScalingControllerDefinition } from './controller.js';
import type { ScalingControl } from './scaling-control.js';
import { targetTracking } from './target-tracking.js';

/** Every scaling controller, by the name a scenario's `scaling[].controller` uses. */
export const scalingControllers: Readonly<Record<ScalingSpec['controller'], ScalingControllerDefinition>> = {
  'target-tracking': targetTracking,
};

export const scalingControllerNames = Object.keys(scalingControllers) as ScalingSpec['controller'][];

export function installScalingController(spec: ScalingSpec, control: ScalingControl, index: number): void {
  scalingControllers[spec.controller].install(spec, control, index);
}
