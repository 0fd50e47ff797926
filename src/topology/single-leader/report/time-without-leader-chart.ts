import type { ElectionRow } from '../../../experiment/result.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, isPlottable, type ChartSpec } from '../../../report/charts/chart-spec.js';
import { chartOfRows } from './chart-of-rows.js';

interface StepPoint {
  /** Time without a leader, in milliseconds. */
  duration: number;
  fraction: number;
}

/**
 * The empirical CDF of the elections' times without a leader, pooled over replications, as the corners of a
 * `step-after` line: it starts at 0 at the shortest election and rises by 1/n at each one. Elections still open when
 * the run ended (no duration) are left out.
 */
export function timeWithoutLeaderPoints(elections: readonly ElectionRow[]): StepPoint[] {
  const durations = elections
    .map((e) => e.duration * 1000)
    .filter((d) => isPlottable(d))
    .sort((a, b) => a - b);
  const n = durations.length;
  if (n === 0) return [];
  const points: StepPoint[] = [{ duration: durations[0], fraction: 0 }];
  durations.forEach((duration, i) => points.push({ duration, fraction: (i + 1) / n }));
  return points;
}

/** Elections that all lasted the same time: a span of ±10 % around it, where vega would draw a one-tick axis. */
function singleValueScale(values: readonly StepPoint[]): { domain: [number, number]; nice: boolean } | null {
  const durations = new Set(values.map((p) => p.duration));
  if (durations.size !== 1) return null;
  const [only] = durations;
  return only > 0 ? { domain: [only * 0.9, only * 1.1], nice: true } : null;
}

/** The chart, or null unless the result lists elections with a duration (single-leader runs only). */
export function timeWithoutLeaderChart(elections: readonly ElectionRow[] | undefined): ChartSpec | null {
  return chartOfRows(elections, timeWithoutLeaderPoints, (values) => ({
    name: 'time-without-leader',
    caption:
      'Fraction of elections (all replications pooled) after which the cluster had a leader again within a given ' +
      'time, counted from the loss of the leader. Each step is one election; elections still open when the run ' +
      'ended are left out. elections.csv lists every election.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Time without a leader (CDF)',
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after', point: false },
      encoding: {
        x: {
          field: 'duration',
          type: 'quantitative',
          scale: singleValueScale(values) ?? { zero: false },
          // Four significant digits as the tables print them: one election gave a lone tick `220.167812`.
          axis: { format: '.4~r' },
          title: 'Time without a leader (ms)',
        },
        y: {
          field: 'fraction',
          type: 'quantitative',
          scale: { domain: [0, 1] },
          title: 'Cumulative fraction of elections',
        },
      },
    },
  }));
}
