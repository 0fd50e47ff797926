import { createSampler } from '../engine/distributions/index.js';
import type { TargetTrackingSpec } from '../model/spec.js';
import type { ScalingControllerDefinition } from './controller.js';
import { WindowReading } from './group-metrics.js';
import { HpaBehavior, replicaCount } from './hpa.js';
import type { ScalingControl } from './scaling-control.js';

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
    const open = new Set<WindowReading>();
    control.onStatisticsReset(() => open.forEach((reading) => reading.restart()));

    const sync = (ratio: number | null) => {
      const { ready, unready } = control.members(spec.group);
      const current = ready.length + unready.length;
      const bounded = behavior.bound(control.now(), current);
      const desired = ratio === null ? current : replicaCount(current, ready.length, unready.length, ratio, spec.tolerance);
      const next = bounded ?? behavior.decide(control.now(), current, desired);
      if (next > current) {
        control.recordAction('up');
        for (let i = current; i < next; i++) control.addNode(spec.group, provisioning());
      } else if (next < current) {
        control.recordAction('down');
        const newestFirst = [...unready.reverse(), ...ready.reverse()];
        for (const node of newestFirst.slice(0, current - next)) control.removeNode(node, spec.drain);
      }
    };

    // Sync k happens at k x syncPeriod and reads the window [t - delay - window, t - delay).
    const lead = spec.metricsDelay + spec.window;
    const beginReading = (syncTime: number) => {
      const reading = new WindowReading(control, spec.group, spec.metric);
      open.add(reading);
      control.schedule(syncTime - spec.metricsDelay, () => {
        open.delete(reading);
        const value = reading.finish();
        control.schedule(syncTime, () => sync(value === null ? null : value / spec.target));
      });
      const nextSync = syncTime + spec.syncPeriod;
      control.schedule(Math.max(control.now(), nextSync - lead), () => beginReading(nextSync));
    };
    let first = spec.syncPeriod;
    while (first - lead < 0) first += spec.syncPeriod;
    control.schedule(first - lead, () => beginReading(first));
  },
};
