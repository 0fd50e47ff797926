import { nonNegative, type Estimate } from '../metrics/confidence.js';
import { ReplicationColumn } from '../metrics/replication-column.js';
import type { ScenarioSpec } from '../model/spec.js';
import { formatDuration, formatEstimate, formatSignificant } from '../report/format.js';
import type { SectionDefinition } from '../topology/section.js';
import { costAgainstP99Chart } from './elasticity-comparison-chart.js';
import { elasticityChart } from './elasticity-chart.js';
import { ElasticityOverTime } from './elasticity-over-time.js';

export const ELASTICITY_SECTION_ID = 'elasticity';

/** Two decisions in opposite directions at most this far apart (seconds) are a flap. */
export const FLAP_WINDOW = 600;

/** One replication's elasticity over the measured window, for the nodes of the scaled groups. */
export interface ElasticityData {
  /** Node-seconds: each node from its provisioning request to its removal, within the window. */
  nodeSeconds: number;
  /** Their price over the window; null when no scaled group has a `cost`. */
  cost: number | null;
  /** The most nodes the scaled groups had at once in the window (provisioning and draining ones included). */
  peak: number;
  /** Controller decisions that added nodes, and that removed nodes, in the window. */
  up: number;
  down: number;
  window: number;
  /** Nodes started for requests that waited for one, in the window. */
  coldStarts: number;
  /** Response times of the measured requests that waited for a node; null when none did. */
  coldStartResponse: { mean: number; p99: number } | null;
  /** Decisions in the direction opposite to the previous one, within FLAP_WINDOW of it, in the window. */
  flaps: number;
  /** The scaled groups' node counts averaged per time-series interval: requested, ready (provisioned), serving (up). */
  overTime: { width: number; requested: number[]; ready: number[]; serving: number[] } | null;
}

/** One interval of the Elasticity chart, averaged over the replications that have it. */
export interface ElasticityInterval {
  /** Seconds after the warm-up. */
  start: number;
  requested: number;
  ready: number;
  serving: number;
  /** The offered load in nodes' worth of work: arrivals per second x mean work / the scaled node's capacity. */
  offeredNodes: number;
  /** The interval's p99 response time; null when no request completed in it in any replication. */
  p99: number | null;
}

export interface ElasticityResult {
  summary: ElasticitySummary;
  overTime: ElasticityInterval[];
  /** The scenario's p99 objective (seconds), drawn on the chart; null without one. */
  p99Objective: number | null;
}

/** summary.json `scaling`. */
export interface ElasticitySummary {
  nodes: { mean: Estimate; peak: Estimate };
  nodeHours: Estimate;
  cost: Estimate;
  costPerMillionRequests: Estimate;
  actions: { up: Estimate; down: Estimate };
  coldStarts: Estimate;
  coldStartResponseTime: { mean: Estimate; p99: Estimate };
  flaps: Estimate;
  /**
   * From the start of an interval whose p99 exceeds the scenario's p99 objective to the start of the first later one
   * within it again (capacity enough to meet the objective), mean over the breaches of a replication; null without
   * an objective or a breach.
   */
  breachToCapacity: Estimate;
}

/**
 * The Elasticity section of a scenario with `scaling`: node counts, node-hours, cost (per replication and per
 * million measured arrivals) and scaling actions, each a mean over the replications with its 95 % CI. A figure no
 * replication has (cost without a price, cost per request without arrivals) is null.
 */
export const ELASTICITY_SECTION: SectionDefinition<ElasticityResult | undefined, unknown> = {
  id: ELASTICITY_SECTION_ID,
  accumulate(spec: ScenarioSpec) {
    const overTime = new ElasticityOverTime(spec);
    const flaps = new ReplicationColumn();
    const breachToCapacity = new ReplicationColumn();
    const meanNodes = new ReplicationColumn();
    const peak = new ReplicationColumn();
    const nodeHours = new ReplicationColumn();
    const cost = new ReplicationColumn();
    const costPerMillion = new ReplicationColumn();
    const up = new ReplicationColumn();
    const down = new ReplicationColumn();
    const coldStarts = new ReplicationColumn();
    const coldMean = new ReplicationColumn();
    const coldP99 = new ReplicationColumn();
    let present = false;
    const make = (): ElasticitySummary => ({
      nodes: { mean: meanNodes.estimate(nonNegative), peak: peak.estimate(nonNegative) },
      nodeHours: nodeHours.estimate(nonNegative),
      cost: cost.estimate(nonNegative),
      costPerMillionRequests: costPerMillion.estimate(nonNegative),
      actions: { up: up.estimate(nonNegative), down: down.estimate(nonNegative) },
      coldStarts: coldStarts.estimate(nonNegative),
      coldStartResponseTime: { mean: coldMean.estimate(nonNegative), p99: coldP99.estimate(nonNegative) },
      flaps: flaps.estimate(nonNegative),
      breachToCapacity: breachToCapacity.estimate(nonNegative),
    });
    return {
      add(replication) {
        const data = replication.sections[ELASTICITY_SECTION_ID] as ElasticityData | undefined;
        if (data === undefined) return;
        present = true;
        meanNodes.push(data.window > 0 ? data.nodeSeconds / data.window : null);
        peak.push(data.peak);
        nodeHours.push(data.nodeSeconds / 3600);
        cost.push(data.cost);
        const arrived = replication.measurement.arrived;
        costPerMillion.push(data.cost === null || arrived === 0 ? null : (data.cost / arrived) * 1e6);
        up.push(data.up);
        down.push(data.down);
        coldStarts.push(data.coldStarts);
        coldMean.push(data.coldStartResponse?.mean ?? null);
        coldP99.push(data.coldStartResponse?.p99 ?? null);
        flaps.push(data.flaps);
        breachToCapacity.push(overTime.add(data, replication.measurement.series));
      },
      summary() {
        return present ? { scaling: make() } : {};
      },
      result() {
        return present ? { summary: make(), overTime: overTime.rows(), p99Objective: overTime.p99Objective } : undefined;
      },
    };
  },
  comparisonCharts: costAgainstP99Chart,
  charts(result, _summary, context) {
    return result === undefined || result.overTime.length === 0 ? [] : [elasticityChart(result, context.shading)];
  },
  markdown(elasticity) {
    if (elasticity === undefined) return [];
    const result = elasticity.summary;
    const row = (name: string, estimate: Estimate, format: (x: number) => string = (x) => formatSignificant(x)) => {
      const formatted = formatEstimate(estimate, format);
      return `| ${name} | ${formatted.value} | ${formatted.ci} |`;
    };
    return [
      '',
      '## Elasticity',
      '',
      'The scaled groups over the measured window, mean over the replications (cost in the unit of the nodes\' `cost`).',
      '',
      '| figure | value | 95 % CI |',
      '|---|---|---|',
      row('mean node count', result.nodes.mean),
      row('peak node count', result.nodes.peak),
      row('node-hours', result.nodeHours),
      row('cost', result.cost),
      row('cost per million requests', result.costPerMillionRequests),
      row('scale-up actions', result.actions.up),
      row('scale-down actions', result.actions.down),
      row('cold starts', result.coldStarts),
      row('response time after a cold start, mean', result.coldStartResponseTime.mean, formatDuration),
      row('response time after a cold start, p99', result.coldStartResponseTime.p99, formatDuration),
      row(`flaps (opposite decisions within ${FLAP_WINDOW / 60} min)`, result.flaps),
      row('from a p99 breach to enough capacity', result.breachToCapacity, formatDuration),
    ];
  },
};
