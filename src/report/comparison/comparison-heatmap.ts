/**
 * A grid sweep of two axes as a heatmap: one panel per variant, the first axis down, the second across, each cell
 * coloured by a figure's value (one colour scale shared by every panel, so panels compare by colour) and labelled
 * with it. A cell without a value (no sample) is left blank.
 */
import type { FigureDefinition } from '../../experiment/compare-figures.js';
import type { Comparison } from '../../experiment/compare.js';
import { CHART_CONFIG, VEGA_LITE_SCHEMA, isPlottable, type ChartSpec } from '../charts/chart-spec.js';
import { formatDuration, formatTrimmed } from '../format.js';
import { variantEstimate } from './comparison-figures.js';
import { sweepYScale } from './comparison-charts.js';

/** Panel size: with two panels a row, about the width of the other charts. */
const PANEL_WIDTH = 300;
const PANEL_HEIGHT = 220;
const PANELS_PER_ROW = 2;

export function heatmapChart(comparison: Comparison, figure: FigureDefinition, name: string): ChartSpec {
  if (comparison.sweeps.length !== 2) throw new Error('comparison chart: a heatmap needs a grid of two axes');
  const [down, across] = comparison.sweeps;
  const label = (v: number) => formatTrimmed(v, 6);
  const names = comparison.points[0].variants.map((v) => v.name);
  const cells: { variant: string; row: string; column: string; value: number; log10: number; text: string }[] = [];
  for (const point of comparison.points) {
    for (const variant of point.variants) {
      const value = variantEstimate(variant, figure).value;
      if (value === null || !isPlottable(value)) continue;
      const cell = { variant: variant.name, row: label(point.values[0]), column: label(point.values[1]), value };
      cells.push({ ...cell, log10: value > 0 ? Math.log10(value) : NaN, text: formatDuration(value) });
    }
  }
  // Values spanning a factor of 10 or more (near saturation) are coloured by their logarithm, as the line charts'
  // axes go log: on a linear scale 0.4 s and 21 s would share the lightest colour beside 178 s.
  const log = sweepYScale(cells.map((c) => c.value)).type === 'log';
  const field = log ? 'log10' : 'value';
  // Light text on the darker half of the scale, so every label reads.
  const values = cells.map((c) => c[field]);
  const middle = values.length === 0 ? 0 : (Math.min(...values) + Math.max(...values)) / 2;
  const x = { field: 'column', type: 'ordinal' as const, sort: across.values.map(label), title: across.parameter, axis: { labelAngle: 0 } };
  const y = { field: 'row', type: 'ordinal' as const, sort: down.values.map(label), title: down.parameter };
  return {
    name,
    caption:
      `${figure.label} of each variant at every point of the grid (mean over replications), one panel per variant: ` +
      `${down.parameter} down, ${across.parameter} across. Every panel shares one colour scale, so the same colour ` +
      'is the same time in every panel; a blank cell had no sample.' +
      (log ? ' The values span more than a factor of 10, so the colours step by ratio (a log scale), not by difference.' : '') +
      ' The CIs and the paired differences against the baseline are in sweep.csv and the per-point tables.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `${figure.label} over ${down.parameter} and ${across.parameter}`,
      config: CHART_CONFIG,
      data: { values: cells },
      facet: { field: 'variant', type: 'nominal', sort: names, title: 'Variant' },
      columns: PANELS_PER_ROW,
      spec: {
        width: PANEL_WIDTH,
        height: PANEL_HEIGHT,
        layer: [
          {
            mark: 'rect',
            encoding: {
              x,
              y,
              // Quantized into bins: a discrete legend of swatches, which (unlike a gradient legend, whose SVG ids
              // come from a counter global to the process) renders the same bytes however many charts came before.
              color: {
                field,
                type: 'quantitative',
                // The chart's title names the figure; a long legend title would be cut (vega's limit).
                title: log ? 'seconds (log)' : 'seconds',
                scale: { type: 'quantize', scheme: 'viridis', reverse: true, nice: true },
                // The bins are of log10(seconds) on a log scale: labelled in seconds, each swatch by its lower
                // bound; the lowest swatch's is -Infinity (10^-Infinity would print 0): left blank as in a linear scale.
                ...(log ? { legend: { labelExpr: "isFinite(datum.value) ? format(pow(10, datum.value), '.2~r') : ''" } } : {}),
              },
            },
          },
          {
            mark: { type: 'text', fontSize: 10 },
            encoding: {
              x,
              y,
              text: { field: 'text', type: 'nominal' },
              color: { condition: { test: `datum.${field} > ${middle}`, value: 'white' }, value: 'black' },
            },
          },
        ],
      },
    },
  };
}
