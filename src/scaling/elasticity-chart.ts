import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, isPlottable, RULE_COLOR, timeAxis, VEGA_LITE_SCHEMA, type ChartSpec } from '../report/charts/chart-spec.js';
import { shadingCaption, type TimeShading } from '../report/charts/time-shading.js';
import type { ElasticityResult } from './elasticity-section.js';

const NODE_SERIES = ['requested', 'ready', 'serving', 'offered load'] as const;

/**
 * The node count over time against offered load and p99: one layered Vega-Lite chart, node counts and the offered
 * load (in nodes' worth of work) on the left axis, the p99 response time (and the p99 objective) on the right.
 */
export function elasticityChart(result: ElasticityResult, shading?: TimeShading): ChartSpec {
  const rows = result.overTime;
  const width = rows.length > 1 ? rows[1].start - rows[0].start : 0;
  const window = rows.length * width;
  const { unit, x, bands } = timeAxis(window, shading);
  const nodes = rows.flatMap((row) =>
    (
      [
        ['requested', row.requested],
        ['ready', row.ready],
        ['serving', row.serving],
        ['offered load', row.offeredNodes],
      ] as const
    )
      .filter(([, value]) => isPlottable(value))
      .map(([series, value]) => ({ start: row.start / unit.seconds, series, nodes: value })),
  );
  const p99 = rows.flatMap((row) => (row.p99 !== null && isPlottable(row.p99) ? [{ start: row.start / unit.seconds, p99: row.p99 }] : []));
  const p99Axis = { field: 'p99', type: 'quantitative', title: 'p99 response time (s)', axis: { orient: 'right' } };
  const objective =
    result.p99Objective === null
      ? []
      : [
          {
            data: { values: [{ p99: result.p99Objective }] },
            mark: { type: 'rule', color: RULE_COLOR, strokeDash: [6, 4] },
            encoding: { y: p99Axis },
          },
        ];
  return {
    name: 'elasticity',
    caption:
      'Nodes of the scaled groups per interval (mean over the replications): requested (from the request for a node ' +
      'to its removal: what is paid for), ready (provisioned) and serving (up, taking requests), against the offered ' +
      'load in nodes\' worth of work (arrivals per second x mean work / a node\'s capacity: the count at 100 % ' +
      'utilisation) on the left axis, and the p99 response time (grey, right axis; dashed red: the p99 objective). ' +
      'Requested above serving is provisioning or draining; serving below the offered load is an overload, and p99 ' +
      `rises until the controller catches up.${shading === undefined ? '' : shadingCaption(shading)}`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Node count against offered load and p99',
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      layer: [
        ...bands,
        {
          data: { values: nodes },
          mark: { type: 'line' },
          encoding: {
            x,
            y: { field: 'nodes', type: 'quantitative', title: 'Nodes' },
            color: {
              field: 'series',
              type: 'nominal',
              scale: { domain: [...NODE_SERIES], range: ['#4c78a8', '#72b7b2', '#54a24b', '#f58518'] },
              title: 'Series',
            },
          },
        },
        {
          layer: [{ data: { values: p99 }, mark: { type: 'line', color: '#888888', strokeDash: [2, 2] }, encoding: { x, y: p99Axis } }, ...objective],
        },
      ],
      resolve: { scale: { y: 'independent' } },
    } as unknown as ChartSpec['spec'],
  };
}
