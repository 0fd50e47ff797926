import type { NodeRow, ScenarioResult } from '../../experiment/result.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, isPlottable, type ChartSpec } from './chart-spec.js';

/** Above this many nodes one bar per node no longer reads; the chart becomes a histogram of utilisation. */
export const MAX_NODES_AS_BARS = 50;
const BAR_STEP_PX = 18;
const UTILIZATION_BIN = 0.05;

const CHART_NAME = 'utilization-per-node';

/** Busiest first, ties by name, so the order is the same on every run and hot spots sit at the top. */
function busiestFirst(nodes: readonly NodeRow[]): NodeRow[] {
  return [...nodes].sort((a, b) => b.utilization - a.utilization || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

function barsPerNode(nodes: NodeRow[]): ChartSpec {
  const values = busiestFirst(nodes).map((n) => ({ node: n.node, group: n.group, utilization: n.utilization }));
  const groups = new Set(nodes.map((n) => n.group));
  return {
    name: CHART_NAME,
    caption:
      'Fraction of the measured time each node\u2019s cores were busy, busiest node first (mean over replications). ' +
      'Uneven bars under an even policy point at a slow node or a skewed key distribution; bars near 100 % are ' +
      'the bottleneck.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Utilisation per node',
      width: CHART_WIDTH,
      height: Math.max(BAR_STEP_PX * values.length, BAR_STEP_PX),
      config: CHART_CONFIG,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        // sort: null keeps the order computed above instead of sorting node names alphabetically.
        y: { field: 'node', type: 'nominal', sort: null, title: 'Node' },
        x: {
          field: 'utilization',
          type: 'quantitative',
          scale: { domain: [0, 1] },
          axis: { format: '.0%' },
          title: 'Utilisation (% of core time busy)',
        },
        // A legend for a single group would only repeat its name.
        color: { field: 'group', type: 'nominal', title: 'Group', legend: groups.size > 1 ? {} : null },
      },
    },
  };
}

function histogramOfNodes(nodes: NodeRow[]): ChartSpec {
  const values = busiestFirst(nodes).map((n) => ({ utilization: n.utilization }));
  return {
    name: CHART_NAME,
    caption:
      `How many of the ${nodes.length} nodes fall in each 5 % band of utilisation (fraction of the measured time ` +
      'their cores were busy). One tight peak means the load is spread evenly; a separate bar at the right is a ' +
      'group of hot nodes. nodes.csv has the value of every node.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Utilisation per node (histogram of ${nodes.length} nodes)`,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'utilization',
          type: 'quantitative',
          bin: { extent: [0, 1], step: UTILIZATION_BIN },
          axis: { format: '.0%' },
          title: 'Utilisation (% of core time busy)',
        },
        y: { aggregate: 'count', type: 'quantitative', title: 'Number of nodes' },
      },
    },
  };
}

export function utilizationPerNodeChart(result: ScenarioResult): ChartSpec {
  const nodes = result.nodes.filter((n) => isPlottable(n.utilization));
  return nodes.length > MAX_NODES_AS_BARS ? histogramOfNodes(nodes) : barsPerNode(nodes);
}
