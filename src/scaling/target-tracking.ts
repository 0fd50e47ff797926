import { createSampler } from '../engine/distributions/index.js';
import type { TargetTrackingSpec } from '../model/spec.js';
import type { ScalingControllerDefinition } from './controller.js';
import { periodicReadings } from './group-metrics.js';
import { HpaBehavior, replicaCount } from './hpa.js';
import { resize } from './resize.js';

/**
 * Target tracking as the Kubernetes HPA does it (hpa.ts): every `syncPeriod` it reads the group's metric (averaged
 * over `window`, `metricsDelay` old), computes the desired count from the ready nodes, stabilizes and rate-limits
 * it, and adds or removes nodes to reach it. Added nodes provision for a draw of `provisioning`; removed ones are
 * those not yet ready first, then the newest (highest id), drained for up to `drain`.
 */
export const targetTracking: ScalingControllerDefinition<TargetTrackingSpec> = {
  kind: 'target-tracking',
  description: 'The Kubernetes HPA: desired = ceil(ready x metric / target), tolerance, stabilization, policies.',
  keys: ['metric', 'target', 'tolerance', 'syncPeriod', 'window', 'metricsDelay', 'stabilization', 'policies', 'selectPolicy'],
  lowestMin: 1,
  install(spec, control, index) {
    const provisioning = createSampler(spec.provisioning, control.stream(`scaling/${index}/provisioning`));
    const behavior = new HpaBehavior(spec.up, spec.down, spec.min, spec.max);

    const sync = (ratio: number | null) => {
      const { ready, unready } = control.members(spec.group);
      const current = ready.length + unready.length;
      const bounded = behavior.bound(control.now(), current);
      const desired = ratio === null ? current : replicaCount(current, ready.length, unready.length, ratio, spec.tolerance);
      const next = bounded ?? behavior.decide(control.now(), current, desired);
      resize(control, spec.group, { ready, unready }, next, provisioning, spec.drain);
    };

    periodicReadings(control, spec.group, spec.metric, spec, (value) => sync(value === null ? null : value / spec.target));
  },
};
