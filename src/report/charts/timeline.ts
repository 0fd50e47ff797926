import type { TopLevelSpec } from 'vega-lite';
import type { ScenarioResult, TimeseriesRow } from '../../experiment/result.js';
import { formatCount } from '../format.js';
import { CHART_CONFIG, CHART_WIDTH, RULE_COLOR, VEGA_LITE_SCHEMA, intervalResponse, isPlottable, type ChartSpec } from './chart-spec.js';
import { sloResponseRules } from './slo-rules.js';
import { measuredWindow, timeUnitFor } from './time-unit.js';
import { fullNodeSet, periodsInUnit, shadingLayers, timeShading } from './time-shading.js';

export { MAX_INCIDENTS_SHADED, outagePeriods } from './time-shading.js';

/** Three panels of this height stacked make a chart about twice as tall as the others. */
export const TIMELINE_PANEL_HEIGHT = 150;

const NODES_HEADROOM = 1.1;

interface StepPoint {
  time: number;
  value: number;
  /** A new segment starts after an interval without a value, so the line breaks there instead of bridging it. */
  segment: number;
}

/**
 * Each interval's value held from its start to its end (drawn `step-after`): the figures are per-interval aggregates,
 * and a step lines up exactly with an incident's band. An interval without a value (no request completed) ends the
 * segment, which leaves a gap rather than stretching the previous value over it.
 */
export function stepPoints(rows: readonly TimeseriesRow[], pick: (row: TimeseriesRow) => number): StepPoint[] {
  const points: StepPoint[] = [];
  let segment = 0;
  let last: { end: number; value: number } | null = null;
  const close = () => {
    if (last === null) return;
    points.push({ time: last.end, value: last.value, segment });
    segment += 1;
    last = null;
  };
  for (const row of rows) {
    const value = pick(row);
    if (!isPlottable(row.start, row.end, value)) {
      close();
      continue;
    }
    if (last !== null && last.end !== row.start) close();
    points.push({ time: row.start, value, segment });
    last = { end: row.end, value };
  }
  close();
  return points;
}

/** The parts of a vertically concatenated chart of layered panels, as vega-lite types them. */
type ConcatSpec = Extract<TopLevelSpec, { vconcat: unknown }>;
type PanelSpec = Extract<ConcatSpec['vconcat'][number], { layer: unknown }>;
type Layer = PanelSpec['layer'][number];
type XEncoding = NonNullable<Extract<Layer, { mark: unknown }>['encoding']>['x'];

/**
 * The x encoding every layer of every panel shares; only the bottom panel names the axis. The scale clamps rather
 * than the marks clipping: vega names each clip path from a process-wide counter, so clipping would make the SVG
 * differ from one report to the next within one process (and repeat ids across the charts of one page).
 */
function xEncoding(field: string, domain: [number, number] | null, title: string | null): XEncoding {
  return {
    field,
    type: 'quantitative',
    ...(domain === null ? {} : { scale: { domain, nice: false, clamp: true } }),
    title,
  };
}

interface Panel {
  dataset: string;
  color: string;
  y: { title: string; scale?: { domain: number[]; nice: boolean }; axis?: { tickMinStep: number } };
  /** Drawn over the line, e.g. the minimum of healthy nodes. */
  extra?: Layer[];
}

function panelSpec(panel: Panel, domain: [number, number] | null, incidentOpacity: number, title: string | null): PanelSpec {
  const bands = shadingLayers({ name: 'outages' }, { name: 'incidents' }, incidentOpacity, xEncoding('start', domain, title) as Record<string, unknown>) as unknown as Layer[];
  const line: Layer = {
    data: { name: panel.dataset },
    mark: { type: 'line', interpolate: 'step-after', color: panel.color },
    encoding: {
      x: xEncoding('time', domain, title),
      y: { field: 'value', type: 'quantitative', ...panel.y },
      detail: { field: 'segment', type: 'nominal' },
    },
  };
  return { width: CHART_WIDTH, height: TIMELINE_PANEL_HEIGHT, layer: [...bands, line, ...(panel.extra ?? [])] };
}

/** Times in the axis unit (the data stays in seconds everywhere else, e.g. the CSVs). */
function inUnit<T extends object>(values: readonly T[], keys: readonly (keyof T & string)[], seconds: number): T[] {
  return values.map((v) => {
    const scaled = { ...v } as Record<string, unknown>;
    for (const key of keys) scaled[key] = (v[key] as number) / seconds;
    return scaled as T;
  });
}

export function timelineChart(result: ScenarioResult): ChartSpec {
  const { reliability } = result.summary;
  const rows = result.timeseries;
  const shading = timeShading(result);
  const window = measuredWindow(result.summary.measuredTime, rows);
  const unit = timeUnitFor(window);
  const domain: [number, number] | null = window > 0 ? [0, window / unit.seconds] : null;
  const mostNodes = fullNodeSet(result);
  const minHealthyRule: Layer[] =
    reliability === null
      ? []
      : [
          {
            data: { values: [{ minHealthy: reliability.minHealthy }] },
            mark: { type: 'rule', color: '#57606a', strokeDash: [4, 3] },
            encoding: { y: { field: 'minHealthy', type: 'quantitative' } },
          },
        ];
  const p99Objective = sloResponseRules(result).filter((r) => r.label.includes('p99'));
  const sloRules: Layer[] = p99Objective.map((rule) => ({
    data: { values: [rule] },
    mark: { type: 'rule', color: RULE_COLOR, strokeDash: [6, 4] },
    encoding: { y: { field: 'value', type: 'quantitative' } },
  }));
  const panels: Panel[] = [
    {
      dataset: 'nodes-up',
      color: '#4c78a8',
      y: {
        title: 'Nodes up',
        // Headroom above the node count keeps an all-up line off the panel's top edge.
        ...(mostNodes > 0 ? { scale: { domain: [0, mostNodes * NODES_HEADROOM], nice: false } } : {}),
        axis: { tickMinStep: 1 },
      },
      extra: minHealthyRule,
    },
    { dataset: 'throughput', color: '#54a24b', y: { title: 'Throughput (req/s)' } },
    { dataset: 'p99-response', color: '#f58518', y: { title: 'p99 response time (s)' }, extra: sloRules },
  ];
  const minHealthyText =
    reliability === null
      ? ''
      : ` The dashed line is the minimum of healthy nodes for the service to count as up (${formatCount(reliability.minHealthy)}).`;
  const spec: ConcatSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: 'Timeline: nodes up, throughput and p99 response time',
    config: CHART_CONFIG,
    datasets: {
      'nodes-up': inUnit(stepPoints(rows, (r) => r.nodesUp), ['time'], unit.seconds),
      throughput: inUnit(stepPoints(rows, (r) => r.throughput), ['time'], unit.seconds),
      'p99-response': inUnit(stepPoints(rows, (r) => intervalResponse(r, r.p99Response)), ['time'], unit.seconds),
      incidents: periodsInUnit(shading.incidents, unit.seconds),
      outages: periodsInUnit(shading.outages, unit.seconds),
    },
    vconcat: panels.map((panel, i) =>
      panelSpec(panel, domain, shading.incidentOpacity, i === panels.length - 1 ? `Time after warm-up (${unit.name})` : null),
    ),
    resolve: { scale: { x: 'shared' } },
    spacing: 14,
  };
  const outageText = shading.outageText === '' ? '' : ` ${shading.outageText}`;
  const sloText =
    p99Objective.length === 0 ? '' : ' The dashed red line on the p99 panel is the p99 objective (slo.p99).';
  const watch =
    result.incidents.length === 0
      ? ''
      : ' Watch how throughput and p99 move during an incident and how long they take to recover after it.';
  return {
    name: 'timeline',
    caption:
      'Healthy nodes (time average), completed requests per second and p99 response time per interval, means over ' +
      'replications, on one time axis after the warm-up; each interval\u2019s value is drawn as a step over it, and a ' +
      `gap is an interval in which no request completed. ${shading.incidentText}${outageText}${minHealthyText}` +
      `${sloText}${watch}`,
    spec,
  };
}
