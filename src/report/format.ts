/**
 * Number formatting for the human-readable parts of the report (summary.md, report.html). Machine-readable files
 * (JSON, CSV) keep raw numbers in SI units. Formatting never depends on the locale, so reports are byte-identical
 * on every machine.
 */
import { groupThousands } from '../metrics/group-thousands.js';
import type { Estimate } from '../experiment/result.js';

const NOT_AVAILABLE = 'n/a';

/** `x` with `digits` significant digits, but never in exponent notation and never with trailing noise. */
export function formatSignificant(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? NOT_AVAILABLE : x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.min(12, Math.max(0, digits - 1 - magnitude));
  return groupThousands(x.toFixed(decimals));
}

export { groupThousands };

interface DurationUnit {
  symbol: string;
  seconds: number;
}

const DURATION_UNITS: DurationUnit[] = [
  { symbol: 'µs', seconds: 1e-6 },
  { symbol: 'ms', seconds: 1e-3 },
  { symbol: 's', seconds: 1 },
];

/** Picks the unit from the figure's own magnitude so a CI prints in the same unit as its value. */
function durationUnitFor(seconds: number): DurationUnit {
  const size = Math.abs(seconds);
  if (!Number.isFinite(size) || size === 0 || size >= 1) return DURATION_UNITS[2];
  return size >= 1e-3 ? DURATION_UNITS[1] : DURATION_UNITS[0];
}

export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return NOT_AVAILABLE;
  const unit = durationUnitFor(seconds);
  return `${formatSignificant(seconds / unit.seconds)} ${unit.symbol}`;
}

const MINUTE: DurationUnit = { symbol: 'min', seconds: 60 };
const HOUR: DurationUnit = { symbol: 'h', seconds: 3600 };

/**
 * Seconds up to 2 min, minutes up to 2 h, then hours (the unit MTBFs are quoted in, however long); below a second
 * like formatDuration.
 */
function longDurationUnitFor(seconds: number): DurationUnit {
  const size = Math.abs(seconds);
  if (!Number.isFinite(size) || size < 2 * MINUTE.seconds) return durationUnitFor(seconds);
  return size < 2 * HOUR.seconds ? MINUTE : HOUR;
}

/**
 * A duration that may be long, such as an MTBF of 100 h or a downtime of 40 min: formatDuration would print
 * `360000 s`. Sub-second values read as in formatDuration, so an MTTR of 250 ms stays `250.0 ms`.
 */
export function formatLongDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return NOT_AVAILABLE;
  const unit = longDurationUnitFor(seconds);
  return `${formatSignificant(seconds / unit.seconds)} ${unit.symbol}`;
}

/** Like formatSignificant, without the zeros that only pad to the digit count: 600, not 600.0. */
export function formatTrimmed(x: number, digits = 4): string {
  const text = formatSignificant(x, digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A long simulated span, e.g. the measured time: seconds, plus hours or minutes when that reads better. */
export function formatSpan(seconds: number): string {
  const plain = `${formatTrimmed(seconds)} s`;
  if (seconds >= 3600) return `${plain} (${formatTrimmed(seconds / 3600, 3)} h)`;
  if (seconds >= 120) return `${plain} (${formatTrimmed(seconds / 60, 3)} min)`;
  return plain;
}

export function formatRate(perSecond: number): string {
  return `${formatSignificant(perSecond)} req/s`;
}

export function formatPercent(fraction: number, decimals = 2): string {
  if (!Number.isFinite(fraction)) return NOT_AVAILABLE;
  return `${(fraction * 100).toFixed(decimals)} %`;
}

/**
 * Above this many nines a simulated run cannot tell availabilities apart (6 nines is 32 s of downtime a year), and
 * the producer caps the figure anyway (a run without downtime has infinitely many): such values print as `≥ 6 nines`.
 */
export const NINES_SHOWN = 6;

/** The number of nines of an availability, -log10(1 - a): Infinity for a = 1 (or above, as a CI bound may be). */
export function ninesOf(availability: number): number {
  if (Number.isNaN(availability)) return NaN;
  // 0 - x rather than -x: an availability of 0 has 0 nines, not -0.
  return availability >= 1 ? Infinity : 0 - Math.log10(1 - Math.max(0, availability));
}

/** `3.52 nines`, `1 nine`, `≥ 6 nines`. */
export function formatNines(nines: number): string {
  if (Number.isNaN(nines)) return NOT_AVAILABLE;
  if (nines >= NINES_SHOWN) return `≥ ${NINES_SHOWN} nines`;
  const text = formatTrimmed(Math.max(0, nines), 3);
  return `${text} ${text === '1' ? 'nine' : 'nines'}`;
}

/** Integer counts with thin grouping that no locale setting can change: 1 234 567. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return NOT_AVAILABLE;
  const rounded = Math.round(n);
  const grouped = groupThousands(Math.abs(rounded).toString());
  return rounded < 0 ? `-${grouped}` : grouped;
}

/** Non-integer means (a node's completed requests averaged over replications): 4 significant digits, grouped. */
export function formatMeanCount(n: number): string {
  return Number.isInteger(n) || Math.abs(n) >= 1000 ? formatCount(n) : formatSignificant(n, 4);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units (1 KB = 1000 B), the convention of the scenario files' `KB`/`MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return bytes === Infinity ? 'unbounded' : NOT_AVAILABLE;
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatSignificant(value, 3)} ${BYTE_UNITS[unit]}`;
}

/** A figure and its confidence interval, both printed by the same formatter. */
export interface FormattedEstimate {
  value: string;
  /** `low – high`, or a dash when there is no interval (one replication). */
  ci: string;
}

export const NO_INTERVAL = '–';

/** What a table shows for a figure without a value: no sample in any replication (null in summary.json). */
export const NO_VALUE = '–';

export function formatEstimate(estimate: Estimate, format: (x: number) => string): FormattedEstimate {
  if (estimate.value === null) return { value: NO_VALUE, ci: NO_INTERVAL };
  return {
    value: format(estimate.value),
    ci: estimate.ci95 === null ? NO_INTERVAL : formatInterval(estimate.value, estimate.ci95, format),
  };
}

/** A figure's value alone, or NO_VALUE without one. */
export function formatValue(estimate: Estimate, format: (x: number) => string): string {
  return estimate.value === null ? NO_VALUE : format(estimate.value);
}

/**
 * Both bounds in the unit of the value, the unit written once: `118.2 – 130.1 ms`, not `118.2 ms – 0.1301 s`, and
 * `79.20 – 80.80 %`, not `79.20 % – 80.80 %`.
 */
function formatInterval(value: number, [low, high]: [number, number], format: (x: number) => string): string {
  const unitFor =
    format === formatDuration ? durationUnitFor : format === formatLongDuration ? longDurationUnitFor : undefined;
  if (unitFor !== undefined) {
    const unit = unitFor(value);
    return `${formatSignificant(low / unit.seconds)} – ${formatSignificant(high / unit.seconds)} ${unit.symbol}`;
  }
  const lowText = format(low);
  const highText = format(high);
  const unit = / [^ \d]+$/.exec(highText)?.[0];
  const sharedUnit = unit !== undefined && lowText.endsWith(unit) ? unit : undefined;
  return sharedUnit === undefined ? `${lowText} – ${highText}` : `${lowText.slice(0, -sharedUnit.length)} – ${highText}`;
}
