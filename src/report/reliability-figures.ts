/**
 * Failures, detection, recovery and objectives as rows of formatted text, shared by summary.md and report.html (like
 * summary-figures.ts) so the two always agree. Only used when the result has a reliability summary.
 */
import type { Estimate, IncidentRow, NodeRow, ReliabilitySummary, SloCheck } from '../experiment/result.js';
import {
  groupThousands,
  formatCount,
  formatDuration,
  formatEstimate,
  formatLongDuration,
  formatNines,
  formatPercent,
  formatTrimmed,
  ninesOf,
  NO_INTERVAL,
  NO_VALUE,
} from './format.js';
import type { FigureRow } from './summary-figures.js';
import type { Verdict } from '../metrics/verdict.js';

/** The HTML and markdown tables of incidents stop here; incidents.csv always has every row. */
export const MAX_INCIDENT_ROWS_SHOWN = 50;

/** Same number of decimals as the availability figures of the summary. */
const AVAILABILITY_DECIMALS = 3;

/** Counts per replication: a mean, so fractional (`4.2`); large ones grouped like formatCount (`67 444`). */
const perReplication = (x: number) => (Math.abs(x) >= 1000 ? formatCount(x) : formatTrimmed(x, 4));

function row(figure: string, estimate: Estimate, format: (x: number) => string): FigureRow {
  return { figure, ...formatEstimate(estimate, format) };
}

/** A figure without an interval: pooled over replications, or absent. */
function plainRow(figure: string, value: string): FigureRow {
  return { figure, value, ci: NO_INTERVAL };
}

/** The service-level rules the incidents and both availabilities are measured against. */
export function minHealthyNote(reliability: ReliabilitySummary): string {
  const nodes = reliability.minHealthy === 1 ? 'node is' : 'nodes are';
  const throughput =
    reliability.minThroughput === null ? '' : ` or fewer than ${formatTrimmed(reliability.minThroughput, 4)} req/s completed (slo.minThroughput)`;
  return (
    `Availability (time): the service counts as up while at least ${formatCount(reliability.minHealthy)} ${nodes} ` +
    `healthy and reachable (slo.minHealthy), except in a time-series interval where fewer than ` +
    `${formatTrimmed(reliability.successRatio * 100, 4)} % of the requests that finished in it succeeded ` +
    `(slo.successRatio)${throughput}: that interval is down, degraded. An incident is a period down by either rule. ` +
    'Availability (requests): succeeded / finished measured requests (a failure is a request every attempt of which ' +
    'failed or timed out). MTBF is up time per crash and MTTR down time per repair, totals over every replication ' +
    '(here over all nodes, in the node table over that node); a replication without a crash counts its up time.'
  );
}

export const DETECTION_NOTE =
  'Detection latency (from a crash to the dispatcher\u2019s suspicion) is pooled over all replications, so it has ' +
  'no confidence interval; the other figures are means per replication.';

export function reliabilityFigureRows(reliability: ReliabilitySummary): FigureRow[] {
  const { detection } = reliability;
  const latency = detection.latency;
  return [
    row('Node crashes per replication', reliability.crashes, perReplication),
    reliability.mtbf === null
      ? plainRow('MTBF (observed, per node)', 'no crash')
      : row('MTBF (observed, per node)', reliability.mtbf, formatLongDuration),
    reliability.mttr === null
      ? plainRow('MTTR (observed, per node)', 'no repair')
      : row('MTTR (observed, per node)', reliability.mttr, formatLongDuration),
    row('Incidents per replication', reliability.incidents, perReplication),
    row('Downtime per replication', reliability.downtime, formatLongDuration),
    ...(latency === null
      ? [plainRow('Detection latency', 'no crash detected')]
      : [
          plainRow('Detection latency mean', formatDuration(latency.mean)),
          plainRow('Detection latency min', formatDuration(latency.min)),
          plainRow('Detection latency max', formatDuration(latency.max)),
          plainRow('Crashes detected (all replications)', formatCount(latency.count)),
        ]),
    row('False suspicions per replication', detection.falseSuspicions, perReplication),
    row('Retries per replication', reliability.retries, perReplication),
  ];
}

export const CONDITION_NOTE =
  'Response time of the requests that arrived while every node was healthy (up and reachable), and of those that ' +
  'arrived while at least one was not: what users see during a failure.';

export const CONDITION_COLUMNS = ['condition', 'requests', 'mean', 'mean 95 % CI', 'p99', 'p99 95 % CI'] as const;

/** Response time while every node was healthy and while some was not, mean and p99 side by side. */
export function conditionRows(reliability: ReliabilitySummary): string[][] {
  const { healthy, degraded } = reliability.responseTime;
  const conditions = [
    ['Healthy (every node up)', healthy],
    ['Degraded (some node down)', degraded],
  ] as const;
  return conditions.map(([label, figures]) => {
    // Without a request in that condition the producer's estimate is a placeholder 0, not a response time.
    if (figures.count === 0) return [label, '0', 'no request', NO_INTERVAL, 'no request', NO_INTERVAL];
    const mean = formatEstimate(figures.mean, formatDuration);
    const p99 = formatEstimate(figures.p99, formatDuration);
    return [label, formatCount(figures.count), mean.value, mean.ci, p99.value, p99.ci];
  });
}

export const SLO_COLUMNS = ['objective', 'target', 'actual', 'actual 95 % CI', 'result'] as const;
export const SLO_PASS = 'PASS';
export const SLO_FAIL = 'FAIL';
export const SLO_INCONCLUSIVE = 'INCONCLUSIVE';
/** An objective on a figure without a value (no sample): neither met nor missed. */
export const SLO_NOT_JUDGED = 'no sample';

const VERDICT_TEXT: Record<Verdict, string> = { pass: SLO_PASS, fail: SLO_FAIL, inconclusive: SLO_INCONCLUSIVE };

/** What an actual p99 reads when some replication had more than 1 % of its finished requests failed. */
export const BEYOND_EVERY_TARGET = 'beyond every target';

const OBJECTIVE_LABELS: Record<SloCheck['objective'], string> = {
  p99: 'Response time p99 (all finished requests)',
  mean: 'Response time mean (successful requests)',
  'availability.time': 'Availability (time)',
  'availability.request': 'Availability (requests)',
};

function isAvailability(objective: SloCheck['objective']): boolean {
  return objective === 'availability.time' || objective === 'availability.request';
}

/** A target as written in a scenario: `99.9 % (3 nines)`, not `99.900 %`. */
function formatAvailabilityTarget(target: number): string {
  return `${formatTrimmed(target * 100, 6)} % (${formatNines(ninesOf(target))})`;
}

const formatAvailability = (x: number) => `${formatPercent(x, AVAILABILITY_DECIMALS)} (${formatNines(ninesOf(x))})`;

/** One row per objective, in the producer's order: objective, target, actual, its CI, PASS, FAIL or INCONCLUSIVE. */
export function sloRows(reliability: ReliabilitySummary): string[][] {
  return sloCheckRows(reliability.slo);
}

/** The rows of sloRows for any list of checks (a sizing point's, say). */
export function sloCheckRows(checks: readonly SloCheck[]): string[][] {
  return checks.map((check) => {
    const availability = isAvailability(check.objective);
    const target = availability ? `≥ ${formatAvailabilityTarget(check.target)}` : `≤ ${formatDuration(check.target)}`;
    const estimate: Estimate = check.actual === null ? { value: null, ci95: null } : { value: check.actual, ci95: check.ci95 };
    // The interval in plain percent: nines on both ends would make the cell unreadable.
    const figure = formatEstimate(estimate, availability ? (x) => formatPercent(x, AVAILABILITY_DECIMALS) : formatDuration);
    const value = availability && check.actual !== null ? formatAvailability(check.actual) : figure.value;
    const actual = (check.replicationsBeyondEveryTarget ?? 0) > 0 ? BEYOND_EVERY_TARGET : value;
    const result = check.verdict === null ? SLO_NOT_JUDGED : VERDICT_TEXT[check.verdict];
    return [OBJECTIVE_LABELS[check.objective], target, actual, figure.ci, result];
  });
}

/**
 * How the objectives are judged, and for a p99 objective the share of requests its verdict rests on: one paragraph
 * under the SLO table, the same in summary.md and report.html.
 */
export function sloNote(reliability: ReliabilitySummary): string {
  const rule =
    'Each objective is judged on its 95 % confidence interval across replications: PASS when the whole interval ' +
    'meets the target, FAIL when none of it does, INCONCLUSIVE when it straddles the target or there is no ' +
    'interval (one replication): add replications to decide.';
  const p99 = reliability.slo.find((c) => c.objective === 'p99');
  if (p99 === undefined || p99.beyondTarget === undefined || p99.beyondTarget.value === null) return rule;
  const beyond = formatEstimate(p99.beyondTarget, (x) => formatPercent(x, 2));
  const ci = beyond.ci === NO_INTERVAL ? 'no interval' : `95 % CI ${beyond.ci}`;
  const failedRuns = p99.replicationsBeyondEveryTarget ?? 0;
  const everyTarget =
    failedRuns > 0
      ? ` In ${formatCount(failedRuns)} replication${failedRuns === 1 ? '' : 's'} more than 1 % of the finished ` +
        `requests failed, so the p99 there is ${BEYOND_EVERY_TARGET}.`
      : '';
  return (
    `${rule} The p99 objective counts failures: a failed request (timed out, rejected, lost) is slower than any ` +
    `target, so the p99 is that of every finished request, and it is judged as "at most 1 % of finished requests ` +
    `slower than ${formatDuration(p99.target)} or failed": ${beyond.value} were (${ci}).${everyTarget} The mean ` +
    'objective is the mean of successful requests only.'
  );
}

/** One line over the SLO table: how many objectives were met, failed, or could not be decided. */
export function sloVerdict(reliability: ReliabilitySummary): string {
  const total = reliability.slo.length;
  if (total === 0) return 'No objective declared (slo: p99, mean, availability).';
  const count = (verdict: Verdict | null) => reliability.slo.filter((c) => c.verdict === verdict).length;
  const failed = count('fail');
  const inconclusive = count('inconclusive');
  const unjudged = count(null);
  const parts: string[] = [];
  if (failed > 0) parts.push(`${failed} of ${total} objectives failed.`);
  if (inconclusive > 0) parts.push(`${inconclusive} of ${total} inconclusive: their interval straddles the target.`);
  if (unjudged > 0) parts.push(`${unjudged} of ${total} could not be judged: their figure has no sample (see the warnings).`);
  if (parts.length === 0) return `All ${total} objectives met.`;
  if (failed === 0 && inconclusive === 0) return `No objective failed. ${parts.join(' ')}`;
  return parts.join(' ');
}

/** The SLO section's overall state, for its styling: every objective met, any failed, else undecided. */
export function sloStatus(reliability: ReliabilitySummary): 'pass' | 'fail' | 'undecided' {
  if (reliability.slo.every((c) => c.verdict === 'pass')) return 'pass';
  return reliability.slo.some((c) => c.verdict === 'fail') ? 'fail' : 'undecided';
}

export const INCIDENT_COLUMNS = ['replication', 'start', 'end', 'duration', 'cause', 'requests failed'] as const;

export interface IncidentTable {
  /** At most MAX_INCIDENT_ROWS_SHOWN rows, in the producer's order (by replication, then start). */
  rows: string[][];
  /** Says what the table is and, when it was cut, that incidents.csv has the rest. */
  note: string;
}

/** Seconds since the end of the warm-up, to the millisecond, without padding zeros: `392.5 s`, `144.607 s`. */
export function formatInstant(seconds: number): string {
  if (!Number.isFinite(seconds)) return formatTrimmed(seconds);
  const text = seconds.toFixed(3);
  return `${groupThousands(text.includes('.') ? text.replace(/\.?0+$/, '') : text)} s`;
}

export function incidentTable(incidents: readonly IncidentRow[]): IncidentTable {
  const shown = incidents.slice(0, MAX_INCIDENT_ROWS_SHOWN);
  const rows = shown.map((incident) => [
    String(incident.replication),
    formatInstant(incident.start),
    formatInstant(incident.end),
    formatLongDuration(incident.duration),
    incident.cause,
    formatCount(incident.requestsFailed),
  ]);
  const times = 'Start and end in seconds after the warm-up; the cause is the fault that took the service below its minimum, or degraded (and the cause most failed requests had) when too few requests succeeded.';
  const note =
    incidents.length > shown.length
      ? `Showing the first ${formatCount(shown.length)} of ${formatCount(incidents.length)} incidents; incidents.csv ` +
        `lists all of them. ${times}`
      : `${times} incidents.csv has the exact values.`;
  return { rows, note };
}

export const NO_INCIDENT_TEXT = 'No incident: the service stayed up in every replication.';

/** A node's MTBF or MTTR; NaN when none was observed (no crash, no repair of the node). */
function formatObserved(seconds: number): string {
  return Number.isFinite(seconds) ? formatLongDuration(seconds) : NO_VALUE;
}

export const NODE_RELIABILITY_COLUMNS = ['uptime', 'crashes', 'MTBF', 'MTTR'] as const;

/** Uptime, crashes per replication, MTBF, MTTR of one node, in the order of NODE_RELIABILITY_COLUMNS. */
export function nodeReliabilityCells(node: NodeRow): string[] {
  return [
    formatPercent(node.uptime, AVAILABILITY_DECIMALS),
    perReplication(node.crashes),
    formatObserved(node.mtbf),
    formatObserved(node.mttr),
  ];
}
