import { distMean } from '../engine/distributions/moments.js';
import type { IntervalSeries } from '../metrics/interval-series.js';
import { meanArrivalRate } from '../model/arrivals.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { ElasticityData, ElasticityInterval } from './elasticity-section.js';

/**
 * The Elasticity chart's rows (node counts against offered load and p99 per interval), averaged over the replications
 * interval by interval, and each replication's time from an SLO breach to enough capacity.
 */
export class ElasticityOverTime {
  private readonly sums: { requested: number; ready: number; serving: number; offered: number; p99: number; withP99: number; replications: number }[] = [];
  private width = 0;
  /** Node-seconds of work per arrival, on the first scaled group's node: turns an arrival rate into nodes' worth. */
  private readonly nodesPerArrivalRate: number;
  readonly p99Objective: number | null;

  constructor(spec: ScenarioSpec) {
    const rates = spec.workload.map((c) => meanArrivalRate(c.arrivals));
    const total = rates.reduce((a, b) => a + b, 0);
    const meanWork = total > 0 ? spec.workload.reduce((sum, c, k) => sum + rates[k] * distMean(c.work), 0) / total : 0;
    const group = spec.scaling?.[0]?.group;
    const node = spec.nodes.find((n) => n.group === group) ?? spec.nodes.at(0);
    this.nodesPerArrivalRate = meanWork / (node.cores * node.speed);
    this.p99Objective = spec.reliability?.slo.p99 ?? null;
  }

  /** Adds one replication; returns its mean time from an SLO breach to enough capacity (null: no objective or breach). */
  add(data: ElasticityData, series: IntervalSeries): number | null {
    const overTime = data.overTime;
    if (overTime === null) return null;
    this.width = overTime.width;
    const length = Math.min(overTime.requested.length, series.arrivals.length);
    const p99s: (number | null)[] = [];
    for (let k = 0; k < length; k++) {
      while (this.sums.length <= k) this.sums.push({ requested: 0, ready: 0, serving: 0, offered: 0, p99: 0, withP99: 0, replications: 0 });
      const row = this.sums[k];
      row.requested += overTime.requested[k];
      row.ready += overTime.ready[k];
      row.serving += overTime.serving[k];
      row.offered += (series.arrivals[k] / series.width) * this.nodesPerArrivalRate;
      row.replications++;
      const p99 = series.completions[k] > 0 ? series.responses[k].quantile(0.99) : null;
      if (p99 !== null) {
        row.p99 += p99;
        row.withP99++;
      }
      p99s.push(p99);
    }
    return this.p99Objective === null ? null : breachToCapacity(p99s, this.p99Objective, this.width);
  }

  rows(): ElasticityInterval[] {
    return this.sums.map((row, k) => ({
      start: k * this.width,
      requested: row.requested / row.replications,
      ready: row.ready / row.replications,
      serving: row.serving / row.replications,
      offeredNodes: row.offered / row.replications,
      p99: row.withP99 > 0 ? row.p99 / row.withP99 : null,
    }));
  }
}

/**
 * The mean time from the start of an interval whose p99 is above `objective` (a breach begins) to the start of the
 * first later interval whose p99 is within it (capacity enough again); a breach still open at the end lasts to the
 * end of the series. An interval without a completed request neither begins nor ends a breach. Null without a breach.
 */
export function breachToCapacity(p99s: readonly (number | null)[], objective: number, width: number): number | null {
  let total = 0;
  let breaches = 0;
  let since: number | null = null;
  p99s.forEach((p99, k) => {
    if (p99 === null) return;
    if (since === null && p99 > objective) {
      since = k;
      breaches++;
    } else if (since !== null && p99 <= objective) {
      total += (k - since) * width;
      since = null;
    }
  });
  if (since !== null) total += (p99s.length - since) * width;
  return breaches === 0 ? null : total / breaches;
}
