import { createSampler } from '../engine/distributions/index.js';
import type { ScheduledScalingSpec } from '../model/spec.js';
import type { ScalingControllerDefinition } from './controller.js';
import { resize } from './resize.js';

/**
 * Scheduled scaling (as AWS scheduled actions set a group's minimum, maximum and desired capacity at given times):
 * each action of the repeating cycle (`repeat`, a day by default) sets, at `at` into every cycle, the bounds it names
 * and the count it names, then brings the count inside the bounds in force. The run starts in the state of the
 * cycle's last action (the previous cycle's evening, for a day), from the scenario's `min` and `max` and count.
 */
export const scheduledScaling: ScalingControllerDefinition<ScheduledScalingSpec> = {
  kind: 'scheduled',
  description: 'Set min, max and the count at given times of a repeating day.',
  keys: ['repeat', 'schedule'],
  lowestMin: 1,
  install(spec, control, index) {
    const provisioning = createSampler(spec.provisioning, control.stream(`scaling/${index}/provisioning`));
    let min = spec.min;
    let max = spec.max;
    const apply = (action: ScheduledScalingSpec['actions'][number]) => {
      min = action.min ?? min;
      max = action.max ?? max;
      const members = control.members(spec.group);
      const current = members.ready.length + members.unready.length;
      const next = Math.min(max, Math.max(min, action.count ?? current));
      resize(control, spec.group, members, next, provisioning, spec.drain);
    };
    const last = spec.actions[spec.actions.length - 1];
    // The cycle's last action is in force at time 0 (unless an action is at 0 itself: it runs then).
    control.schedule(0, () => {
      if (spec.actions[0].at > 0) apply(last);
    });
    const cycle = (start: number) => {
      for (const action of spec.actions) control.schedule(start + action.at, () => apply(action));
      control.schedule(start + spec.repeat, () => cycle(start + spec.repeat));
    };
    cycle(0);
  },
};
