import type { NodeRow, ScenarioResult } from '../../experiment/result.js';
import { busiestOrder } from '../node-order.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, isPlottable, type ChartSpec } from './chart-spec.js';

/** Above this many nodes one bar per node no longer reads; the chart becomes a histogram of utilisation. */
export const MAX_NODES_AS_BARS = 50;
const BAR_STEP_PX = 18;
const UTILIZATION_BIN = 0.05;

const CHART_NAME = 'utilization-per-node';

function barsPerNode(nodes: NodeRow[]): ChartSpec {
  const values = [...nodes].sort(busiestOrder).map((n) => ({ node: n.node, group: n.group, utilization: n.utilization }));
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

/**
 * The count of nodes in each band of utilisation, counted here rather than by vega-lite from one value per node: the
 * chart's data then has 20 rows whatever the cluster's size (a million nodes' values made a 57 MB chart file).
 */
function nodesPerBand(utilization: Float64Array): { from: number; to: number; nodes: number }[] {
  const bands = Math.round(1 / UTILIZATION_BIN);
  const counts = new Array<number>(bands).fill(0);
  // As vega-lite bins: [from, to), the last band closed at 100 %.
  for (const u of utilization) counts[Math.min(bands - 1, Math.max(0, Math.floor(u / UTILIZATION_BIN)))]++;
  return counts.map((count, i) => ({ from: i * UTILIZATION_BIN, to: (i + 1) * UTILIZATION_BIN, nodes: count }));
}

/** `utilization`: every plottable node's, read from the rows' column (no row objects for a million nodes). */
function histogramOfNodes(utilization: Float64Array): ChartSpec {
  return {
    name: CHART_NAME,
    caption:
      `How many of the ${utilization.length} nodes fall in each 5 % band of utilisation (fraction of the measured time ` +
      'their cores were busy). One tight peak means the load is spread evenly; a separate bar at the right is a ' +
      'group of hot nodes. nodes.csv has the value of every node.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Utilisation per node (histogram of ${utilization.length} nodes)`,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values: nodesPerBand(utilization) },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'from',
          type: 'quantitative',
          bin: { binned: true, step: UTILIZATION_BIN },
          scale: { domain: [0, 1] },
          axis: { format: '.0%' },
          title: 'Utilisation (% of core time busy)',
        },
        x2: { field: 'to' },
        y: { field: 'nodes', type: 'quantitative', title: 'Number of nodes' },
      },
    },
  };
}

export function utilizationPerNodeChart(result: ScenarioResult): ChartSpec {
  const utilization = result.nodes.column('utilization').filter((u) => isPlottable(u));
  return utilization.length > MAX_NODES_AS_BARS
    ? histogramOfNodes(utilization)
    : barsPerNode(result.nodes.filter((n) => isPlottable(n.utilization)));
}
