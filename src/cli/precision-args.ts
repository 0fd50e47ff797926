import type { PrecisionTarget } from '../experiment/precision.js';
import { parseQuantity } from '../scenario/index.js';

const TIME_FIGURES = ['mean', 'p50', 'p90', 'p99', 'p999', 'max'];

/** The figures of summary.json that --precision may name: every common estimate. */
export const PRECISION_FIGURES: readonly string[] = [
  ...TIME_FIGURES.map((f) => `responseTime.${f}`),
  ...TIME_FIGURES.map((f) => `waitTime.${f}`),
  'probWait',
  'throughput',
  'utilization',
  'blockingProbability',
  'availability.time',
  'availability.request',
];

const HELP = 'write <figure>=<relative>% or <figure>=<absolute> (e.g. responseTime.p99=2% or responseTime.mean=5ms)';

/** `responseTime.p99=2%` (relative) or `responseTime.mean=5ms` / `availability.request=0.0005` (absolute). */
export function parsePrecision(text: string): PrecisionTarget | { error: string } {
  const equals = text.indexOf('=');
  if (equals <= 0) return { error: `bad --precision '${text}': ${HELP}` };
  const figure = text.slice(0, equals).trim();
  const width = text.slice(equals + 1).trim();
  if (!PRECISION_FIGURES.includes(figure)) {
    return { error: `bad --precision figure '${figure}'; valid: ${PRECISION_FIGURES.join(', ')}` };
  }
  if (width.endsWith('%')) {
    const percent = Number(width.slice(0, -1));
    if (!(percent > 0 && percent < 100)) return { error: `bad --precision '${text}': a relative width between 0 % and 100 %, e.g. 2%` };
    return { figure, kind: 'relative', width: percent / 100, text: width };
  }
  const plain = Number(width);
  const absolute = width !== '' && Number.isFinite(plain) ? plain : durationOf(width);
  if (absolute === undefined || !(absolute > 0)) return { error: `bad --precision '${text}': ${HELP}` };
  return { figure, kind: 'absolute', width: absolute, text: width };
}

function durationOf(text: string): number | undefined {
  const parsed = parseQuantity(text, 'duration');
  return parsed.ok ? parsed.value : undefined;
}
