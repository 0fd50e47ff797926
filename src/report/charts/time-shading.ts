import type { IncidentRow, ScenarioResult, TimeseriesRow } from '../../experiment/result.js';
import { formatCount } from '../format.js';

/** chart-spec.ts's isPlottable, without importing it: chart-spec draws the shading, so it imports this file. */
const isPlottable = (...values: number[]) => values.every(Number.isFinite);

/** Above this many incidents only the first ones are shaded: beyond it the bands merge and the SVG only grows. */
export const MAX_INCIDENTS_SHADED = 1000;

const INCIDENT_COLOR = '#e45756';
/** One replication's incidents are drawn clearly; with several, each lightly, so overlaps darken. */
const INCIDENT_OPACITY_ONE = 0.25;
const INCIDENT_OPACITY_MANY = 0.12;

const OUTAGE_COLOR = '#8c8c8c';
const OUTAGE_OPACITY = 0.18;
/** An interval counts as an outage when at least this many nodes (time average) are missing from the full set. */
const OUTAGE_MISSING_NODES = 0.5;

interface Period {
  start: number;
  end: number;
}

/**
 * What every chart with a time axis shades, so a spike in any of them lines up with its cause at a glance:
 * incidents (the service down) in red and outages (fewer nodes up than the full set) in grey, in seconds after the
 * warm-up, the time base of the time series.
 */
export interface TimeShading {
  incidents: Period[];
  incidentOpacity: number;
  outages: Period[];
  /** The caption's sentence about the red bands, also when there are none. */
  incidentText: string;
  /** The caption's sentence about the grey bands, empty without them. */
  outageText: string;
}

/**
 * Periods with fewer nodes up than the full set, whatever the cause (a zone outage that leaves enough nodes for
 * the service to count as up is no incident, yet it halves the capacity): runs of intervals in which at least
 * half a node was missing on average, merged.
 */
export function outagePeriods(rows: readonly TimeseriesRow[], fullSet: number): Period[] {
  const periods: Period[] = [];
  for (const row of rows) {
    if (!isPlottable(row.start, row.end, row.nodesUp) || row.nodesUp > fullSet - OUTAGE_MISSING_NODES) continue;
    const last = periods[periods.length - 1];
    if (last !== undefined && last.end === row.start) last.end = row.end;
    else periods.push({ start: row.start, end: row.end });
  }
  return periods;
}

/** The full node set: every node of the result, or more when a controller added some. */
export function fullNodeSet(result: ScenarioResult): number {
  return Math.max(result.nodes.length, ...result.timeseries.map((r) => r.nodesUp).filter(Number.isFinite));
}

function incidentText(incidents: readonly IncidentRow[], drawn: number, replications: number): string {
  if (incidents.length === 0) return 'No incident happened, so nothing is shaded.';
  const which =
    replications > 1
      ? `Red bands are the incidents (service down) of all ${formatCount(replications)} replications, each drawn ` +
        'lightly: a darker band is a period in which several replications were down.'
      : 'Red bands are the incidents (service down).';
  const cut =
    drawn < incidents.length
      ? ` Only the first ${formatCount(drawn)} of ${formatCount(incidents.length)} incidents are shaded; ` +
        'incidents.csv lists all of them.'
      : '';
  return `${which}${cut}`;
}

/**
 * Only failure models (a `reliability` block, whose figures summary.reliability holds) take nodes down; a scaling controller also removes nodes, on purpose, and then fewer nodes
 * than the most ever up is no outage (diurnal-autoscale would read as one all night): no grey bands there.
 */
function nodesCanBeMissing(result: ScenarioResult): boolean {
  return result.summary.reliability !== null && (result.spec.scaling?.length ?? 0) === 0;
}

export function timeShading(result: ScenarioResult): TimeShading {
  const drawn = result.incidents.filter((i) => isPlottable(i.start, i.end)).slice(0, MAX_INCIDENTS_SHADED);
  const outages = nodesCanBeMissing(result) ? outagePeriods(result.timeseries, fullNodeSet(result)) : [];
  return {
    incidents: drawn.map((i) => ({ start: i.start, end: i.end })),
    incidentOpacity: result.summary.replications > 1 ? INCIDENT_OPACITY_MANY : INCIDENT_OPACITY_ONE,
    outages,
    incidentText: incidentText(result.incidents, drawn.length, result.summary.replications),
    outageText:
      outages.length === 0
        ? ''
        : 'Grey bands are periods with fewer nodes up than the full set (at least half a node missing on average), ' +
          'whatever the cause, incident or not.',
  };
}

/** The caption sentences of a chart that shades nothing unless something happened (not the timeline's). */
export function shadingCaption(shading: TimeShading): string {
  const red = shading.incidents.length === 0 ? '' : ` ${shading.incidentText}`;
  const grey = shading.outageText === '' ? '' : ` ${shading.outageText}`;
  return `${red}${grey}`;
}

/** Times in the axis unit (the data stays in seconds everywhere else, e.g. the CSVs). */
export function periodsInUnit(periods: readonly Period[], unitSeconds: number): Period[] {
  return periods.map((p) => ({ start: p.start / unitSeconds, end: p.end / unitSeconds }));
}

/**
 * The two layers of bands, drawn first so lines stay on top: a rect with only x and x2 spans the panel's height.
 * `x` is the chart's own x encoding for field `start` (its scale clamps rather than the marks clipping: see
 * timeline.ts). Data inline or by dataset name.
 */
export function shadingLayers(
  outages: { values: Period[] } | { name: string },
  incidents: { values: Period[] } | { name: string },
  incidentOpacity: number,
  x: Record<string, unknown>,
): Record<string, unknown>[] {
  return [
    { data: outages, mark: { type: 'rect', color: OUTAGE_COLOR, opacity: OUTAGE_OPACITY }, encoding: { x, x2: { field: 'end' } } },
    {
      data: incidents,
      mark: { type: 'rect', color: INCIDENT_COLOR, opacity: incidentOpacity },
      encoding: { x, x2: { field: 'end' } },
    },
  ];
}
