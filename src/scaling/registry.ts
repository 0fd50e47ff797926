import type { ScalingSpec } from '../model/spec.js';
import type { ScalingControllerDefinition } from './controller.js';
import type { ScalingControl } from './scaling-control.js';
import { scaleToZero } from './scale-to-zero.js';
import { scheduledScaling } from './scheduled.js';
import { stepScaling } from './step.js';
import { targetTracking } from './target-tracking.js';

type Kind = ScalingSpec['controller'];

/** Every scaling controller, by the name a scenario's `scaling[].controller` uses. */
export const scalingControllers: { readonly [K in Kind]: ScalingControllerDefinition<Extract<ScalingSpec, { controller: K }>> } = {
  'target-tracking': targetTracking,
  'scale-to-zero': scaleToZero,
  step: stepScaling,
  scheduled: scheduledScaling,
};

export const scalingControllerNames = Object.keys(scalingControllers) as Kind[];

export function scalingController(kind: Kind): ScalingControllerDefinition {
  return scalingControllers[kind] as unknown as ScalingControllerDefinition;
}

export function installScalingController(spec: ScalingSpec, control: ScalingControl, index: number): void {
  scalingController(spec.controller).install(spec, control, index);
}
