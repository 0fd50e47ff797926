import { createSampler } from '../engine/distributions/index.js';
import type { ScalingAlarmSpec, StepScalingSpec } from '../model/spec.js';
import type { ScalingControllerDefinition } from './controller.js';
import { periodicReadings } from './group-metrics.js';
import { resize } from './resize.js';

/**
 * Step scaling as AWS does it (Application Auto Scaling and EC2 Auto Scaling, "Step scaling policies"; the
 * StepAdjustment API reference): every `syncPeriod` a datapoint (the metric averaged over the period, `metricsDelay`
 * old); an alarm is in ALARM once `evaluationPeriods` datapoints in a row breach its threshold (up: metric >=
 * threshold; down: metric <= threshold), and invokes its policy at each datapoint while it stays there. The policy
 * takes the step whose bounds hold the breach (metric - threshold: lower <= breach < upper going up, lower < breach
 * <= upper going down, as the StepAdjustment examples put it) and changes the count by its `change`, within
 * [min, max]. The cooldown after a scaling activity (Application Auto Scaling's semantics): a later scale-out only
 * adds what goes beyond the largest scale-out since the cooldown began; a scale-in is ignored. Simplified: one
 * metric, ChangeInCapacity steps only, M of N = N of N datapoints, no missing data.
 */
export const stepScaling: ScalingControllerDefinition<StepScalingSpec> = {
  kind: 'step',
  description: 'AWS step scaling: alarm thresholds, evaluation periods, step adjustments and a cooldown.',
  keys: ['metric', 'syncPeriod', 'metricsDelay', 'evaluationPeriods', 'cooldown', 'alarms'],
  lowestMin: 1,
  install(spec, control, index) {
    const provisioning = createSampler(spec.provisioning, control.stream(`scaling/${index}/provisioning`));
    let upBreaches = 0;
    let downBreaches = 0;
    let cooldownUntil = -Infinity;
    /** The count a scale-out inside the current cooldown started from, and the most it has asked for. */
    let cooldownBase = 0;
    let cooldownTarget = 0;

    const evaluate = (value: number | null) => {
      upBreaches = value !== null && spec.up !== undefined && value >= spec.up.threshold ? upBreaches + 1 : 0;
      downBreaches = value !== null && spec.down !== undefined && value <= spec.down.threshold ? downBreaches + 1 : 0;
      if (value === null) return;
      const members = control.members(spec.group);
      const current = members.ready.length + members.unready.length;
      const now = control.now();
      const cooling = now < cooldownUntil;
      let next = current;
      if (spec.up !== undefined && upBreaches >= spec.evaluationPeriods) {
        const change = stepChange(spec.up, value - spec.up.threshold, 'up');
        if (cooling && cooldownTarget > 0) {
          const target = Math.max(cooldownTarget, cooldownBase + change);
          next = current + (target - cooldownTarget);
          cooldownTarget = target;
        } else {
          next = current + change;
          cooldownBase = current;
          cooldownTarget = current + change;
          cooldownUntil = now + spec.cooldown;
        }
      } else if (spec.down !== undefined && downBreaches >= spec.evaluationPeriods && !cooling) {
        next = current + stepChange(spec.down, value - spec.down.threshold, 'down');
        cooldownTarget = 0;
        cooldownUntil = now + spec.cooldown;
      }
      next = Math.min(spec.max, Math.max(spec.min, next));
      resize(control, spec.group, members, next, provisioning, spec.drain);
    };

    // A count outside [min, max] (the scenario's) is brought inside at once.
    control.schedule(0, () => {
      const members = control.members(spec.group);
      const current = members.ready.length + members.unready.length;
      resize(control, spec.group, members, Math.min(spec.max, Math.max(spec.min, current)), provisioning, spec.drain);
    });
    periodicReadings(control, spec.group, spec.metric, { ...spec, window: spec.syncPeriod }, evaluate);
  },
};

/** The change of the step that holds `breach` (0 when none does: the steps need not cover every breach). */
function stepChange(alarm: ScalingAlarmSpec, breach: number, direction: 'up' | 'down'): number {
  for (const step of alarm.steps) {
    const inside = direction === 'up' ? step.lower <= breach && breach < step.upper : step.lower < breach && breach <= step.upper;
    if (inside) return step.change;
  }
  return 0;
}
