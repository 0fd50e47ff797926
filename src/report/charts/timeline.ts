import type { TopLevelSpec } from 'vega-lite';
import type { IncidentRow, ScenarioResult, TimeseriesRow } from '../../experiment/result.js';
import { formatCount } from '../format.js';
import { CHART_CONFIG, CHART_WIDTH, RULE_COLOR, VEGA_LITE_SCHEMA, intervalResponse, isPlottable, type ChartSpec } from './chart-spec.js';
import { sloResponseRules } from './slo-rules.js';
import { measuredWindow, timeUnitFor } from './time-unit.js';

/** Three panels of this height stacked make a chart about twice as tall as the others. */
export const TIMELINE_PANEL_HEIGHT = 150;

/** Above this many incidents only the first ones are shaded: beyond it the bands merge and the SVG only grows. */
export const MAX_INCIDENTS_SHADED = 1000;

const INCIDENT_COLOR = '#e45756';
/** One replication's incidents are drawn clearly; with several, each lightly, so overlaps darken. */
const INCIDENT_OPACITY_ONE = 0.25;
const INCIDENT_OPACITY_MANY = 0.12;

const NODES_HEADROOM = 1.1;

const OUTAGE_COLOR = '#8c8c8c';
const OUTAGE_OPACITY = 0.18;
/** An interval counts as an outage when at least this many nodes (time average) are missing from the full set. */
const OUTAGE_MISSING_NODES = 0.5;

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

interface ShadedIncidents {
  values: { start: number; end: number }[];
  opacity: number;
  /** The caption's sentence about the shading. */
  description: string;
}

function shadedIncidents(incidents: readonly IncidentRow[], replications: number): ShadedIncidents {
  const drawn = incidents.filter((i) => isPlottable(i.start, i.end)).slice(0, MAX_INCIDENTS_SHADED);
  const values = drawn.map((i) => ({ start: i.start, end: i.end }));
  const many = replications > 1;
  const opacity = many ? INCIDENT_OPACITY_MANY : INCIDENT_OPACITY_ONE;
  if (incidents.length === 0) {
    return { values, opacity, description: 'No incident happened, so nothing is shaded.' };
  }
  const which = many
    ? `Red bands are the incidents (service down) of all ${formatCount(replications)} replications, each drawn ` +
      'lightly: a darker band is a period in which several replications were down.'
    : 'Red bands are the incidents (service down).';
  const cut =
    drawn.length < incidents.length
      ? ` Only the first ${formatCount(drawn.length)} of ${formatCount(incidents.length)} incidents are shaded; ` +
        'incidents.csv lists all of them.'
      : '';
  return { values, opacity, description: `${which}${cut}` };
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
  const outage: Layer = {
    data: { name: 'outages' },
    mark: { type: 'rect', color: OUTAGE_COLOR, opacity: OUTAGE_OPACITY },
    encoding: { x: xEncoding('start', domain, title), x2: { field: 'end' } },
  };
  const band: Layer = {
    data: { name: 'incidents' },
    mark: { type: 'rect', color: INCIDENT_COLOR, opacity: incidentOpacity },
    encoding: { x: xEncoding('start', domain, title), x2: { field: 'end' } },
  };
  const line: Layer = {
    data: { name: panel.dataset },
    mark: { type: 'line', interpolate: 'step-after', color: panel.color },
    encoding: {
      x: xEncoding('time', domain, title),
      y: { field: 'value', type: 'quantitative', ...panel.y },
      detail: { field: 'segment', type: 'nominal' },
    },
  };
  return { width: CHART_WIDTH, height: TIMELINE_PANEL_HEIGHT, layer: [outage, band, line, ...(panel.extra ?? [])] };
}

/**
 * Periods with fewer nodes up than the full set, whatever the cause (a zone outage that leaves enough nodes for
 * the service to count as up is no incident, yet it halves the capacity): runs of intervals in which at least
 * half a node was missing on average, merged.
 */
export function outagePeriods(rows: readonly TimeseriesRow[], fullSet: number): { start: number; end: number }[] {
  const periods: { start: number; end: number }[] = [];
  for (const row of rows) {
    if (!isPlottable(row.start, row.end, row.nodesUp) || row.nodesUp > fullSet - OUTAGE_MISSING_NODES) continue;
    const last = periods[periods.length - 1];
    if (last !== undefined && last.end === row.start) last.end = row.end;
    else periods.push({ start: row.start, end: row.end });
  }
  return periods;
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
  const shading = shadedIncidents(result.incidents, result.summary.replications);
  const window = measuredWindow(result.summary.measuredTime, rows);
  const unit = timeUnitFor(window);
  const domain: [number, number] | null = window > 0 ? [0, window / unit.seconds] : null;
  const mostNodes = Math.max(result.nodes.length, ...rows.map((r) => r.nodesUp).filter(Number.isFinite));
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
  const outages = outagePeriods(rows, mostNodes);
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
      incidents: inUnit(shading.values, ['start', 'end'], unit.seconds),
      outages: inUnit(outages, ['start', 'end'], unit.seconds),
    },
    vconcat: panels.map((panel, i) =>
      panelSpec(panel, domain, shading.opacity, i === panels.length - 1 ? `Time after warm-up (${unit.name})` : null),
    ),
    resolve: { scale: { x: 'shared' } },
    spacing: 14,
  };
  const outageText =
    outages.length === 0
      ? ''
      : ' Grey bands are periods with fewer nodes up than the full set (at least half a node missing on average), ' +
        'whatever the cause, incident or not.';
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
      `gap is an interval in which no request completed. ${shading.description}${outageText}${minHealthyText}` +
      `${sloText}${watch}`,
    spec,
  };
}
