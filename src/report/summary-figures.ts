/**
 * The summary as rows of formatted text, shared by summary.md and report.html so the two always show the same
 * figures with the same rounding.
 */
import { TIME_FIGURE_LABELS, type Estimate, type PrecisionSummary, type Summary, type TimeFigures, type WarmupSummary } from '../experiment/result.js';
import {
  formatCount,
  formatDuration,
  formatEstimate,
  formatNines,
  formatPercent,
  formatRate,
  formatSignificant,
  formatSpan,
  formatTrimmed,
  formatValue,
  NINES_SHOWN,
  ninesOf,
  NO_INTERVAL,
  NO_VALUE,
  type FormattedEstimate,
} from './format.js';

export interface FigureRow extends FormattedEstimate {
  figure: string;
}

const PERCENTILE_LABELS = TIME_FIGURE_LABELS;

/** Availability needs more digits than the other fractions: 99.95 % and 99.99 % are different service levels. */
const AVAILABILITY_DECIMALS = 3;

function row(figure: string, estimate: Estimate, format: (x: number) => string): FigureRow {
  return { figure, ...formatEstimate(estimate, format) };
}

/**
 * An availability as nines: the producer's figure (`timeNines`, `requestNines`), and the availability's CI mapped
 * through -log10(1 - a), which keeps its order. A bound at or above 100 % has no finite number of nines.
 */
function ninesRow(figure: string, nines: number | null, availability: Estimate): FigureRow {
  if (nines === null || availability.value === null) return { figure, value: NO_VALUE, ci: NO_INTERVAL };
  const { value, ci } = formatEstimate(
    {
      value: nines,
      ci95: availability.ci95 === null ? null : [ninesOf(availability.ci95[0]), ninesOf(availability.ci95[1])],
    },
    formatNines,
  );
  // Both bounds past what can be shown: one `≥ 6 nines` says it, `≥ 6 – ≥ 6 nines` would stutter.
  const bothCapped = availability.ci95 !== null && ninesOf(availability.ci95[0]) >= NINES_SHOWN;
  return { figure, value, ci: bothCapped ? formatNines(Infinity) : ci };
}

function timeRows(prefix: string, figures: TimeFigures): FigureRow[] {
  return PERCENTILE_LABELS.map(([key, label]) => row(`${prefix} ${label}`, figures[key], formatDuration));
}

export function summaryFigureRows(summary: Summary): FigureRow[] {
  const availability = (x: number) => formatPercent(x, AVAILABILITY_DECIMALS);
  return [
    ...timeRows('Response time', summary.responseTime),
    ...timeRows('Wait time', summary.waitTime),
    row('Probability of waiting', summary.probWait, (x) => formatPercent(x)),
    row('Throughput', summary.throughput, formatRate),
    row('Utilisation', summary.utilization, (x) => formatPercent(x)),
    row('Blocking probability', summary.blockingProbability, (x) => formatPercent(x)),
    row('Availability (time)', summary.availability.time, availability),
    ninesRow('Availability (time) in nines', summary.availability.timeNines, summary.availability.time),
    row('Availability (requests)', summary.availability.request, availability),
    ninesRow('Availability (requests) in nines', summary.availability.requestNines, summary.availability.request),
  ];
}

export interface LabelledValue {
  label: string;
  value: string;
}

export function requestRows(summary: Summary): LabelledValue[] {
  const { requests } = summary;
  // Sorted so the order does not depend on which failure happened first.
  const causes = Object.keys(requests.failedByCause).sort();
  return [
    { label: 'Arrived', value: formatCount(requests.arrived) },
    { label: 'Completed', value: formatCount(requests.completed) },
    { label: 'Failed', value: formatCount(requests.failed) },
    ...causes.map((cause) => ({ label: `Failed: ${cause}`, value: formatCount(requests.failedByCause[cause]) })),
    { label: 'In flight at the end', value: formatCount(requests.inFlight) },
  ];
}

export const CLASS_COLUMNS = ['class', 'throughput', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max'] as const;

/** One row per class; values only, in the order of CLASS_COLUMNS (their CIs are in summary.json). */
export function classRows(summary: Summary): string[][] {
  return Object.keys(summary.classes)
    .sort()
    .map((name) => {
      const { responseTime, throughput } = summary.classes[name];
      return [
        name,
        formatValue(throughput, formatRate),
        ...PERCENTILE_LABELS.map(([key]) => formatValue(responseTime[key], formatDuration)),
      ];
    });
}

/** The facts that identify a run and qualify its figures. */
export function runFacts(summary: Summary): LabelledValue[] {
  const facts: LabelledValue[] = [
    { label: 'Seed', value: summary.seed },
    { label: 'Fingerprint', value: summary.fingerprint },
    { label: 'Replications', value: formatCount(summary.replications) },
    { label: 'Measured time per replication', value: formatSpan(summary.measuredTime) },
    { label: 'Percentile relative error', value: `±${formatTrimmed(summary.percentileRelativeError * 100, 3)} %` },
  ];
  if (summary.stoppedEarly !== null) facts.push({ label: 'Stopped early', value: summary.stoppedEarly });
  if (summary.precision !== undefined) facts.push({ label: 'Precision', value: precisionFact(summary.precision) });
  if (summary.warmup !== undefined) facts.push({ label: 'Warm-up', value: warmupFact(summary.warmup) });
  return facts;
}

/** `auto: 300 s (MSER-5 cut 15 of 100 intervals of 20 s, mean of 10 pilot runs from empty; rule in summary.json)`. */
function warmupFact(warmup: WarmupSummary): string {
  return (
    `auto: ${formatSpan(warmup.seconds)} (MSER-5 cut ${warmup.intervalsCut} of ${warmup.intervals} intervals of ` +
    `${formatSpan(warmup.intervalWidth)}, mean of ${warmup.pilotReplications} pilot runs from empty; rule in summary.json)`
  );
}

/** `responseTime.p99 within 2% (half-width 3.1 ms) after 23 replications (at least 10, at most 100)`. */
function precisionFact(precision: PrecisionSummary): string {
  const targets = precision.targets
    .map((t) => `${t.figure} ${t.met ? 'within' : 'NOT within'} ${t.target} (half-width ${t.halfWidth === null ? NO_VALUE : formatSignificant(t.halfWidth)})`)
    .join('; ');
  return (
    `${targets} after ${formatCount(precision.replications)} replications (at least ${precision.minimumReplications}, ` +
    `at most ${formatCount(precision.maxReplications)}; sequential rule in summary.json)`
  );
}
