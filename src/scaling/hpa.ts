/**
 * The Kubernetes Horizontal Pod Autoscaler's arithmetic, as kubernetes/kubernetes implements it in
 * pkg/controller/podautoscaler/replica_calculator.go (GetResourceReplicas: the usage ratio, the tolerance, pods not
 * yet ready) and pkg/controller/podautoscaler/horizontal.go (normalizeDesiredReplicasWithBehaviors:
 * stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate, calculateScaleUpLimitWithScalingRules,
 * calculateScaleDownLimitWithBehaviors, getReplicasChangePerPeriod). Here a pod is a node; times are seconds of
 * simulated time. What is simplified is listed in docs/scaling.md.
 */

/** One rate-limiting policy: at most `pods` nodes, or `percent` % of the count at the period's start, per `period`. */
export type ScalingPolicy = { pods: number; period: number } | { percent: number; period: number };

export interface ScalingRules {
  /** Seconds of recommendations the stabilization looks back over. */
  stabilization: number;
  policies: readonly ScalingPolicy[];
  /** `max`: the policy allowing the largest change wins (Kubernetes' default); `min`: the smallest; `disabled`. */
  select: 'max' | 'min' | 'disabled';
}

/** HPA defaults (horizontal-pod-autoscale docs, "Default Behavior"; pkg/apis/autoscaling/v2/defaults.go). */
export const DEFAULT_SCALE_UP: ScalingRules = {
  stabilization: 0,
  policies: [{ percent: 100, period: 15 }, { pods: 4, period: 15 }],
  select: 'max',
};
export const DEFAULT_SCALE_DOWN: ScalingRules = {
  stabilization: 300,
  policies: [{ percent: 100, period: 15 }],
  select: 'max',
};

/**
 * replica_calculator.go GetResourceReplicas, for nodes of equal size: `ratio` is the metric averaged over the ready
 * nodes divided by the target. Inside the tolerance the count stays; with nodes not yet ready and a ratio above 1,
 * they count as using 0 (which can only damp a scale-up), and a change of direction after that keeps the count.
 */
export function replicaCount(current: number, ready: number, unready: number, ratio: number, tolerance: number): number {
  const scaleUpWithUnready = unready > 0 && ratio > 1;
  if (!scaleUpWithUnready) {
    if (Math.abs(1 - ratio) <= tolerance) return current;
    return Math.ceil(ratio * ready);
  }
  const newRatio = (ratio * ready) / (ready + unready);
  if (Math.abs(1 - newRatio) <= tolerance || newRatio < 1) return current;
  const proposed = Math.ceil(newRatio * (ready + unready));
  return proposed < current ? current : proposed;
}

interface Stamped {
  time: number;
  value: number;
}

/**
 * The behaviour half of the HPA: the recommendations of the stabilization windows and the scale events the
 * policies count, both kept only as long as a window or a period can still see them (bounded memory).
 */
export class HpaBehavior {
  private recommendations: Stamped[] = [];
  private upEvents: Stamped[] = [];
  private downEvents: Stamped[] = [];

  constructor(
    private readonly up: ScalingRules,
    private readonly down: ScalingRules,
    private readonly min: number,
    private readonly max: number,
  ) {}

  /**
   * A count outside [min, max] is brought inside at once, before any metric is read, and the change is recorded as
   * a scale event (horizontal.go reconcileAutoscaler: currentReplicas > maxReplicas or < minReplicas). Null when the
   * count is inside.
   */
  bound(now: number, current: number): number | null {
    const next = Math.min(this.max, Math.max(this.min, current));
    if (next === current) return null;
    if (next > current) this.upEvents.push({ time: now, value: next - current });
    else this.downEvents.push({ time: now, value: current - next });
    return next;
  }

  /** The count to set now, given the current count and the calculator's desired count; records what it decided. */
  decide(now: number, current: number, desired: number): number {
    const stabilized = this.stabilize(now, current, desired);
    const next = this.limitRate(now, current, stabilized);
    if (next > current) this.upEvents.push({ time: now, value: next - current });
    else if (next < current) this.downEvents.push({ time: now, value: current - next });
    return next;
  }

  /** stabilizeRecommendationWithBehaviors: the lowest recommendation of the up window, the highest of the down. */
  private stabilize(now: number, current: number, desired: number): number {
    let upRecommendation = desired;
    let downRecommendation = desired;
    const upCutoff = now - this.up.stabilization;
    const downCutoff = now - this.down.stabilization;
    for (const r of this.recommendations) {
      if (r.time > upCutoff) upRecommendation = Math.min(upRecommendation, r.value);
      if (r.time > downCutoff) downRecommendation = Math.max(downRecommendation, r.value);
    }
    let recommendation = current;
    if (recommendation < upRecommendation) recommendation = upRecommendation;
    if (recommendation > downRecommendation) recommendation = downRecommendation;
    const keepAfter = now - Math.max(this.up.stabilization, this.down.stabilization);
    this.recommendations = this.recommendations.filter((r) => r.time > keepAfter);
    this.recommendations.push({ time: now, value: desired });
    return recommendation;
  }

  /** convertDesiredReplicasWithBehaviorRate: the policies' limit, then min and max. */
  private limitRate(now: number, current: number, desired: number): number {
    this.forgetEvents(now);
    if (desired > current) {
      const limit = Math.max(current, this.scaleUpLimit(now, current));
      return Math.min(desired, this.max, limit);
    }
    if (desired < current) {
      const limit = Math.min(current, this.scaleDownLimit(now, current));
      return Math.max(desired, this.min, limit);
    }
    return desired;
  }

  /** calculateScaleUpLimitWithScalingRules. */
  private scaleUpLimit(now: number, current: number): number {
    if (this.up.select === 'disabled') return current;
    const pick = this.up.select === 'min' ? Math.min : Math.max;
    let result = this.up.select === 'min' ? Infinity : -Infinity;
    for (const policy of this.up.policies) {
      const start = this.periodStart(now, current, policy.period);
      const proposed = 'pods' in policy ? start + policy.pods : Math.ceil(start * (1 + policy.percent / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  /** calculateScaleDownLimitWithBehaviors: a percentage rounds down (Go's int32 conversion truncates). */
  private scaleDownLimit(now: number, current: number): number {
    if (this.down.select === 'disabled') return current;
    const pick = this.down.select === 'min' ? Math.max : Math.min;
    let result = this.down.select === 'min' ? -Infinity : Infinity;
    for (const policy of this.down.policies) {
      const start = this.periodStart(now, current, policy.period);
      const proposed = 'pods' in policy ? start - policy.pods : Math.trunc(start * (1 - policy.percent / 100));
      result = pick(result, proposed);
    }
    return result;
  }

  /** The count at the start of the period: getReplicasChangePerPeriod counts events strictly after now - period. */
  private periodStart(now: number, current: number, period: number): number {
    const cutoff = now - period;
    const added = this.upEvents.reduce((sum, e) => (e.time > cutoff ? sum + e.value : sum), 0);
    const removed = this.downEvents.reduce((sum, e) => (e.time > cutoff ? sum + e.value : sum), 0);
    return current - added + removed;
  }

  private forgetEvents(now: number): void {
    const longest = Math.max(0, ...this.up.policies.map((p) => p.period), ...this.down.policies.map((p) => p.period));
    const cutoff = now - longest;
    this.upEvents = this.upEvents.filter((e) => e.time > cutoff);
    this.downEvents = this.downEvents.filter((e) => e.time > cutoff);
  }
}
