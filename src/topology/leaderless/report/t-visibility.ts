import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, type ChartSpec } from '../../../report/charts/chart-spec.js';
import { columnsOf, toCsv } from '../../../report/csv.js';
import type { TVisibilityBucket } from '../sections/leaderless-figures.js';

interface TVisibilityRow {
  from_s: number;
  to_s: number;
  reads: number;
  probability: number;
  ci95_low: number;
  ci95_high: number;
}

function rows(buckets: readonly TVisibilityBucket[]): TVisibilityRow[] {
  return buckets.map((b) => ({
    from_s: b.from,
    to_s: b.to ?? Infinity,
    reads: b.reads,
    probability: b.probability.value ?? NaN,
    ci95_low: b.probability.ci95?.[0] ?? NaN,
    ci95_high: b.probability.ci95?.[1] ?? NaN,
  }));
}

/** leaderless-t-visibility.csv: one row per bucket; an empty cell where no read started in the bucket. */
export function tVisibilityCsv(buckets: readonly TVisibilityBucket[]): string {
  return toCsv(
    rows(buckets),
    columnsOf<TVisibilityRow>({
      from_s: 'from_s',
      to_s: 'to_s',
      reads: 'reads',
      probability: 'probability',
      ci95_low: 'ci95_low',
      ci95_high: 'ci95_high',
    }),
  );
}

/** The PBS curve: P(a read returns the newest committed version) against t, one point per bucket with a read. */
export function tVisibilityChart(buckets: readonly TVisibilityBucket[]): ChartSpec | null {
  const values = buckets
    .filter((b) => b.probability.value !== null)
    .map((b) => ({
      bucket: b.to === null ? `≥ ${b.from * 1000} ms` : `${b.from * 1000}-${b.to * 1000} ms`,
      order: b.from,
      probability: b.probability.value,
      low: b.probability.ci95?.[0] ?? b.probability.value,
      high: b.probability.ci95?.[1] ?? b.probability.value,
    }));
  if (values.length === 0) return null;
  // Level labels: six buckets fit across the chart, and turned labels (vega-lite's default for ordinal x) read badly.
  const x = { field: 'bucket', type: 'ordinal', sort: { field: 'order' }, title: 'Time from the commit to the read (bucket)', axis: { labelAngle: 0 } };
  return {
    name: 'leaderless-t-visibility',
    caption:
      'Probabilistically bounded staleness (Bailis et al., VLDB 2012): the probability that a read that starts t ' +
      'after the newest version of its key was committed returns that version (or newer), per bucket of t, with ' +
      'its 95 % interval over replications. leaderless-t-visibility.csv has the values.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 't-visibility',
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values },
      layer: [
        {
          mark: { type: 'rule' },
          encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
        {
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y: { field: 'probability', type: 'quantitative', title: 'P(read returns the newest version)', scale: { domain: [0, 1] } },
          },
        },
      ],
    } as ChartSpec['spec'],
  };
}
