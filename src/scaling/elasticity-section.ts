import { nonNegative, type Estimate } from '../metrics/confidence.js';
import { ReplicationColumn } from '../metrics/replication-column.js';
import type { ScenarioSpec } from '../model/spec.js';
import { formatDuration, formatEstimate, formatSignificant } from '../report/format.js';
import type { SectionDefinition } from '../topology/section.js';

export const ELASTICITY_SECTION_ID = 'elasticity';

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
}

/**
 * The Elasticity section of a scenario with `scaling`: node counts, node-hours, cost (per replication and per
 * million measured arrivals) and scaling actions, each a mean over the replications with its 95 % CI. A figure no
 * replication has (cost without a price, cost per request without arrivals) is null.
 */
export const ELASTICITY_SECTION: SectionDefinition<ElasticitySummary | undefined, unknown> = {
  id: ELASTICITY_SECTION_ID,
  accumulate(_spec: ScenarioSpec) {
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
      },
      summary() {
        return present ? { scaling: make() } : {};
      },
      result() {
        return present ? make() : undefined;
      },
    };
  },
  markdown(result) {
    if (result === undefined) return [];
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
    ];
  },
};
