import type { Incident } from './availability.js';
import { failureCauseNames } from './failure-causes.js';
import type { IntervalSeries } from './interval-series.js';

/** When an interval of the time series counts as down although enough nodes are up (issue 16.4). */
export interface DegradedRule {
  /** Down when fewer than this fraction of the requests that finished in the interval succeeded. */
  successRatio: number;
  /** Down when fewer requests per second completed than this; absent: no throughput rule. */
  minThroughput?: number;
}

/** The cause of a degraded incident: `degraded`, then the failure cause most of its failed requests had. */
export const DEGRADED_CAUSE = 'degraded';

interface Span {
  start: number;
  end: number;
}

/** Whether interval i of the series breaks the rule; an interval where nothing finished has no success ratio. */
function isDegraded(series: IntervalSeries, i: number, width: number, rule: DegradedRule): boolean {
  const completed = series.completions[i];
  const finished = completed + series.failed[i];
  if (finished > 0 && completed / finished < rule.successRatio) return true;
  return rule.minThroughput !== undefined && completed / width < rule.minThroughput;
}

/** `span` minus the (sorted, disjoint) `holes`: the parts of it no hole covers. */
function subtract(span: Span, holes: readonly Span[]): Span[] {
  const parts: Span[] = [];
  let from = span.start;
  for (const hole of holes) {
    if (hole.end <= from || hole.start >= span.end) continue;
    if (hole.start > from) parts.push({ start: from, end: hole.start });
    from = Math.max(from, hole.end);
  }
  if (from < span.end) parts.push({ start: from, end: span.end });
  return parts;
}

/**
 * The periods the service was down by the degraded rule and not already down by the node rule (`nodeIncidents`,
 * times relative to the window's start like the series' intervals), as incidents: consecutive degraded intervals
 * make one, cut where a node incident covers part of it, so that incidents never overlap and their durations add
 * up to the downtime. Each carries the failures of the intervals it covers most of, and as cause `degraded (<the
 * cause most of those failures had>)`, or `degraded` when none failed (the throughput rule).
 */
export function degradedIncidents(
  series: IntervalSeries,
  windowLength: number,
  rule: DegradedRule,
  nodeIncidents: readonly Span[],
): Incident[] {
  const holes = [...nodeIncidents].sort((a, b) => a.start - b.start);
  const incidents: Incident[] = [];
  let run: { start: number; end: number; failed: number[]; byCause: Float64Array } | null = null;
  const flush = () => {
    if (run === null) return;
    let dominant = -1;
    run.byCause.forEach((n, c) => {
      if (n > 0 && (dominant < 0 || n > run!.byCause[dominant])) dominant = c;
    });
    const cause = dominant < 0 ? DEGRADED_CAUSE : `${DEGRADED_CAUSE} (${failureCauseNames[dominant]})`;
    const pieces = subtract(run, holes).map((p) => ({ ...p, cause, requestsFailed: 0 }));
    // Each interval's failures go to the piece that overlaps it most.
    const width = series.width;
    run.failed.forEach((failed, k) => {
      const start = run!.start + k * width;
      const end = Math.min(start + width, run!.end);
      let best: Incident | undefined;
      let bestOverlap = 0;
      for (const piece of pieces) {
        const overlap = Math.min(end, piece.end) - Math.max(start, piece.start);
        if (overlap > bestOverlap) [best, bestOverlap] = [piece, overlap];
      }
      if (best) best.requestsFailed += failed;
    });
    incidents.push(...pieces);
    run = null;
  };
  for (let i = 0; i < series.length; i++) {
    const start = i * series.width;
    const end = Math.min(start + series.width, windowLength);
    if (end <= start || !isDegraded(series, i, end - start, rule)) {
      flush();
      continue;
    }
    run ??= { start, end, failed: [], byCause: new Float64Array(failureCauseNames.length) };
    run.end = end;
    run.failed.push(series.failed[i]);
    if (series.failedCause[i] >= 0) run.byCause[series.failedCause[i]] += series.failed[i];
  }
  flush();
  return incidents;
}
