import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { timeUnitFor } from './time-unit.js';
import { periodsInUnit, shadingLayers, type TimeShading } from './time-shading.js';

/** One chart of the report: written as `<name>.vl.json`, rendered to `<name>.svg`, inlined in report.html. */
export interface ChartSpec {
  /** File stem, also the chart's id in report.html. */
  name: string;
  /** How to read the chart; report.html prints it under the chart. */
  caption: string;
  /** Self-contained: the data values are inline, nothing is loaded from a URL. */
  spec: TopLevelSpec;
}

/** Fixed sizes so the rendered SVG does not depend on a container, and so is byte-identical run after run. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 280;

/**
 * The installed vega-lite's version, read from its package.json rather than imported: importing vega-lite loads
 * its whole module graph, and every process that builds a chart spec (each worker thread of a study among them)
 * would pay for it at start-up without ever compiling a chart.
 */
function installedVegaLiteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('vega-lite');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vega-lite' && pkg.version !== undefined) return pkg.version;
    } catch {
      // no package.json at this level: keep walking up
    }
  }
  throw new Error(`vega-lite's package.json not found above ${entry}`);
}

/** Lets an editor validate a .vl.json; a schema reference only, never fetched when rendering. */
export const VEGA_LITE_SCHEMA = `https://vega.github.io/schema/vega-lite/v${installedVegaLiteVersion().split('.')[0]}.json`;

/** Shared look. `background` is explicit so a dark page or viewer never shows black text on black. */
export const CHART_CONFIG = {
  background: 'white',
  font: 'sans-serif',
  title: { anchor: 'start', fontSize: 14 },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  // Axis labels grouped as the tables group them (formatCount: `6 515`), never `6,515` from d3-format's default
  // locale. Vega's `config.locale` takes a d3-format locale definition: https://vega.github.io/vega/docs/config/#locale
  locale: { number: { decimal: '.', thousands: ' ', grouping: [3] as number[], currency: ['', ''] as [string, string] } },
} as const;

/**
 * JSON cannot hold NaN or Infinity (they would become null in the .vl.json and differ from the rendered chart), and
 * an interval without completed requests has no response time: such points are left out, which draws a gap.
 */
export function isPlottable(...values: number[]): boolean {
  return values.every(Number.isFinite);
}

/**
 * A response-time figure of an interval, or NaN when no request completed in it: an empty interval has no response
 * time, whatever placeholder (0 from an empty sketch) the producer wrote.
 */
export function intervalResponse(row: { throughput: number }, value: number): number {
  return row.throughput > 0 ? value : NaN;
}

/** What differs between the charts of a figure per interval: the y field and axis, and optionally a series colour. */
export interface OverTimeLines {
  title: string;
  /** Each with `start` in seconds after the warm-up. */
  values: readonly { start: number }[];
  field: string;
  axisTitle: string;
  color?: Record<string, unknown>;
  /** The measured window in seconds: picks the time unit and fits the axis to it. */
  window: number;
  /** Horizontal rules at these y values, e.g. an SLO target, each with its label. */
  rules?: readonly { value: number; label: string }[];
  /** Incidents and outages shaded behind the lines, as on the timeline, so a spike lines up with its cause. */
  shading?: TimeShading;
}

export const RULE_COLOR = '#cf222e';

/** A line chart of a figure per interval against the interval's start after the warm-up, in the unit of the window. */
/**
 * The x axis of a chart over the measured window (interval starts, in the unit that fits the window) and the bands
 * of `shading` on it, to draw first: what every time chart shares.
 */
export function timeAxis(window: number, shading: TimeShading | undefined) {
  const unit = timeUnitFor(window);
  const x = {
    field: 'start',
    type: 'quantitative',
    title: `Interval start, after warm-up (${unit.name})`,
    // clamp: a band reaching past the window stops at its edge (clipping would number clip paths per process).
    ...(window > 0 ? { scale: { domain: [0, window / unit.seconds], nice: false, clamp: true } } : {}),
  };
  const bands =
    shading === undefined || shading.incidents.length + shading.outages.length === 0
      ? []
      : shadingLayers(
          { values: periodsInUnit(shading.outages, unit.seconds) },
          { values: periodsInUnit(shading.incidents, unit.seconds) },
          shading.incidentOpacity,
          x,
        );
  return { unit, x, bands };
}

export function overTimeLineSpec({ title, values, field, axisTitle, color, window, rules = [], shading }: OverTimeLines): TopLevelSpec {
  const { unit, x, bands } = timeAxis(window, shading);
  const scaled = values.map((v) => ({ ...v, start: v.start / unit.seconds }));
  const line = {
    data: { values: scaled },
    mark: { type: 'line' },
    encoding: { x, y: { field, type: 'quantitative', title: axisTitle }, ...(color ? { color } : {}) },
  };
  const ruleLayers = rules.flatMap((rule) => [
    {
      data: { values: [rule] },
      mark: { type: 'rule', color: RULE_COLOR, strokeDash: [6, 4] },
      encoding: { y: { field: 'value', type: 'quantitative' } },
    },
    {
      data: { values: [rule] },
      mark: { type: 'text', color: RULE_COLOR, align: 'right', baseline: 'bottom', dx: -4, dy: -3 },
      encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: CHART_WIDTH }, text: { field: 'label' } },
    },
  ]);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    layer: [...bands, line, ...ruleLayers],
  } as TopLevelSpec;
}
