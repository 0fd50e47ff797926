import { formatDuration, formatEstimate, formatMeanCount, formatPercent } from '../../../report/format.js';
import { htmlTable } from '../../../report/html-table.js';
import { escapeHtml } from '../../../report/html-escape.js';
import { markdownTable } from '../../../report/markdown-table.js';
import type { LatencySummary, LeaderlessSummary, RegionConsistency } from '../sections/leaderless-figures.js';
import { REBALANCE_HEADER, rebalanceRows } from './rebalances.js';
import { ACTIVE_ACTIVE_HEADER, ACTIVE_ACTIVE_INTRO, activeActiveRows } from './active-active-text.js';

const REBALANCE_INTRO =
  'Rebalances: at each membership change the ring is rebuilt and every replica slot whose owner changed is streamed ' +
  "from its holder to its new owner through both NICs (duration: from the change to the last stream's landing).";

const withCi = (e: Parameters<typeof formatEstimate>[0], format: (x: number) => string) => {
  const f = formatEstimate(e, format);
  return [f.value, f.ci];
};

function latencyRow(name: string, l: LatencySummary): string[] {
  return [name, ...withCi(l.mean, formatDuration), ...withCi(l.p50, formatDuration), ...withCi(l.p99, formatDuration), ...withCi(l.p999, formatDuration)];
}

const LATENCY_HEADER = ['operation', 'mean', 'CI 95%', 'p50', 'CI 95%', 'p99', 'CI 95%', 'p99.9', 'CI 95%'];

function bucketName(from: number, to: number | null): string {
  return to === null ? `>= ${formatDuration(from)}` : `${formatDuration(from)} to ${formatDuration(to)}`;
}

/** A level as written: a consistency level's name in capitals (Cassandra's spelling), or a number of replicas. */
const levelName = (level: string): string => (/^[a-z_]+$/.test(level) ? level.toUpperCase() : level);

/** What a level asks of each region: "us-east 2 of 3, eu-west 2 of 3 in the coordinator's region"; null: over N. */
function regionParts(perRegion: RegionConsistency, op: 'writeQuorum' | 'readQuorum', level: string): string | null {
  if (perRegion.regions.some((entry) => entry[op] === null)) return null;
  const parts = perRegion.regions.map((entry) => `${entry.region} ${entry[op]} of ${entry.replicas}`).join(', ');
  return level === 'each_quorum' ? `${parts}: in every region` : `${parts}: in the coordinator's region`;
}

/** The section's first sentence: N, W, R (per region with replicas per region) and the coordinator. */
function intro(s: LeaderlessSummary): string {
  const c = s.consistency;
  const perRegion = c.perRegion;
  if (perRegion === undefined) {
    return (
      `N = ${c.replicas} replicas per key, writes acknowledged after W = ${c.writeQuorum}, reads answered from the ` +
      `first R = ${c.readQuorum} replies (W + R ${c.writeQuorum + c.readQuorum > c.replicas ? '>' : '<='} N), ` +
      `coordinator: ${c.coordinator}.`
    );
  }
  const quorum = (op: 'writeQuorum' | 'readQuorum', level: string, count: number) => {
    const parts = regionParts(perRegion, op, level);
    return parts === null ? `${count}` : `${levelName(level)} (${parts})`;
  };
  const regions = perRegion.regions.map((entry) => `${entry.region} ${entry.replicas}`).join(', ');
  return (
    `N = ${c.replicas} replicas per key (${regions}), writes acknowledged after W = ` +
    `${quorum('writeQuorum', perRegion.writeLevel, c.writeQuorum)}, reads answered from the first R = ` +
    `${quorum('readQuorum', perRegion.readLevel, c.readQuorum)} replies, coordinator: ${c.coordinator}.`
  );
}

const CLIENT_REGION_HEADER = [
  'client region', 'operation', 'mean', 'CI 95%', 'p50', 'CI 95%', 'p99', 'CI 95%', 'p99.9', 'CI 95%', 'answered', 'CI 95%', 'longest gap', 'CI 95%',
];

const CLIENT_REGION_INTRO =
  "By client region (a class's region): its clients reach a live coordinator of their region, else one elsewhere, " +
  'at the cross-region latency; answered: the share of its measured requests that did not fail; longest gap: the ' +
  'longest time in the window without an answer to them (after their region is lost, the time until they are served again, at most).';

function clientRegionRows(s: LeaderlessSummary): string[][] {
  return (s.byClientRegion ?? []).flatMap((entry) =>
    (['reads', 'writes'] as const)
      .filter((op) => entry[op].availability.value !== null)
      .map((op) => [
        entry.region,
        ...latencyRow(op === 'reads' ? 'read' : 'write', entry[op].latency),
        ...withCi(entry[op].availability, (x) => formatPercent(x, 3)),
        ...withCi(entry[op].longestGap, formatDuration),
      ]),
  );
}

interface Tables {
  intro: string;
  latency: string[][];
  clientRegions: string[][];
  staleness: string[][];
  tVisibility: string[][];
}

function tables(s: LeaderlessSummary): Tables {
  const k = s.staleness.kStaleness.map((entry) => [
    `${entry.k}${entry.orMore === true ? ' or more' : ''} behind`,
    ...withCi(entry.probability, (x) => formatPercent(x)),
  ]);
  return {
    intro: intro(s),
    latency: [latencyRow('read', s.reads.latency), latencyRow('write', s.writes.latency)],
    clientRegions: clientRegionRows(s),
    staleness: [
      ['stale reads', ...withCi(s.staleness.staleFraction, (x) => formatPercent(x))],
      ...k,
      ['read availability (requests)', ...withCi(s.availability.read.request, (x) => formatPercent(x, 3))],
      ['write availability (requests)', ...withCi(s.availability.write.request, (x) => formatPercent(x, 3))],
      ...(s.availability.read.time === undefined || s.availability.write.time === undefined
        ? []
        : [
            ['read availability (time, quorum of a key healthy)', s.availability.read.time] as const,
            ['write availability (time, quorum of a key healthy)', s.availability.write.time] as const,
          ]
            // A LOCAL level's figure is per region (below): its whole-store row would only say "-".
            .filter(([, time]) => s.availability.timeByRegion === undefined || time.value !== null)
            .map(([name, time]) => [name, ...withCi(time, (x) => formatPercent(x, 3))])),
      ...(s.availability.timeByRegion ?? []).flatMap((entry) =>
        (['read', 'write'] as const).flatMap((op) => {
          const time = entry[op];
          return time === undefined ? [] : [[`${op} availability (time, LOCAL quorum of a key healthy in ${entry.region})`, ...withCi(time, (x) => formatPercent(x, 3))]];
        }),
      ),
      ['reads older than an earlier read of the key (monotonic-read violations)', ...withCi(s.staleness.monotonicViolations, (x) => formatPercent(x))],
      ['read repairs per replication', ...withCi(s.readRepairs, formatMeanCount)],
      ...(s.speculativeRetries === undefined ? [] : [['speculative retries per replication', ...withCi(s.speculativeRetries, formatMeanCount)]]),
      ...(s.antiEntropy === undefined
        ? []
        : [
            ['anti-entropy rounds per replication', ...withCi(s.antiEntropy.rounds, formatMeanCount)],
            ['anti-entropy rounds that copied', ...withCi(s.antiEntropy.copyingRounds, formatMeanCount)],
            ['anti-entropy copies per replication', ...withCi(s.antiEntropy.copies, formatMeanCount)],
            ['anti-entropy bytes per replication', ...withCi(s.antiEntropy.bytes, formatMeanCount)],
            ['anti-entropy time to agree (round start to last copy landed)', ...withCi(s.antiEntropy.timeToAgree, formatDuration)],
          ]),
      ...(s.hints === undefined
        ? []
        : [
            ['hints stored per replication', ...withCi(s.hints.stored, formatMeanCount)],
            ['hints handed over per replication', ...withCi(s.hints.replayed, formatMeanCount)],
            ['hints expired per replication', ...withCi(s.hints.expired, formatMeanCount)],
            ...(s.writes.acknowledgedLost === undefined
              ? []
              : [['acknowledged writes lost per replication', ...withCi(s.writes.acknowledgedLost, formatMeanCount)]]),
          ]),
    ],
    tVisibility: s.staleness.tVisibility.map((b) => [
      bucketName(b.from, b.to),
      String(b.reads),
      ...withCi(b.probability, (x) => formatPercent(x)),
    ]),
  };
}

/** The "Replicas and consistency" part of summary.md. */
export function leaderlessMarkdown(s: LeaderlessSummary): string[] {
  const t = tables(s);
  return [
    '',
    '## Replicas and consistency',
    '',
    t.intro,
    '',
    ...markdownTable(LATENCY_HEADER, t.latency, [false, true, true, true, true, true, true, true, true]),
    '',
    ...(t.clientRegions.length === 0
      ? []
      : [CLIENT_REGION_INTRO, '', ...markdownTable(CLIENT_REGION_HEADER, t.clientRegions, CLIENT_REGION_HEADER.map((_, i) => i > 1)), '']),
    ...(s.recovery === undefined
      ? []
      : [ACTIVE_ACTIVE_INTRO, '', ...markdownTable(ACTIVE_ACTIVE_HEADER, activeActiveRows(s.recovery), ACTIVE_ACTIVE_HEADER.map((_, i) => i > 0)), '']),
    ...markdownTable(['figure', 'value', 'CI 95%'], t.staleness, [false, true, true]),
    '',
    'Probability that a read returns the newest committed version, by time from the commit to the read (t-visibility):',
    '',
    ...markdownTable(['t', 'reads', 'probability', 'CI 95%'], t.tVisibility, [false, true, true, true]),
    ...(s.rebalances === undefined
      ? []
      : ['', REBALANCE_INTRO, '', ...markdownTable(REBALANCE_HEADER, rebalanceRows(s.rebalances), REBALANCE_HEADER.map((_, i) => i > 0))]),
  ];
}

/** The "Replicas and consistency" section of report.html. */
export function leaderlessHtml(s: LeaderlessSummary): string {
  const t = tables(s);
  const columns = (headers: string[]) => headers.map((header, i) => ({ header, numeric: i > 0 }));
  return [
    '<section id="leaderless">',
    '<h2>Replicas and consistency</h2>',
    `<p>${escapeHtml(t.intro)}</p>`,
    htmlTable('leaderless-latency', columns(LATENCY_HEADER.map((h, i) => (i === 0 ? 'Operation' : h))), t.latency),
    ...(t.clientRegions.length === 0
      ? []
      : [
          `<p>${escapeHtml(CLIENT_REGION_INTRO)}</p>`,
          htmlTable('leaderless-client-regions', CLIENT_REGION_HEADER.map((header, i) => ({ header: i === 0 ? 'Client region' : header, numeric: i > 1 })), t.clientRegions),
        ]),
    ...(s.recovery === undefined
      ? []
      : [`<p>${escapeHtml(ACTIVE_ACTIVE_INTRO)}</p>`, htmlTable('leaderless-active-active', columns(ACTIVE_ACTIVE_HEADER.map((h, i) => (i === 0 ? 'Figure' : h))), activeActiveRows(s.recovery))]),
    htmlTable('leaderless-staleness', columns(['Figure', 'Value', 'CI 95%']), t.staleness),
    '<p>t-visibility: the probability that a read returns the newest committed version, by time from the commit to the read.</p>',
    htmlTable('leaderless-t-visibility', columns(['t', 'Reads', 'Probability', 'CI 95%']), t.tVisibility),
    ...(s.rebalances === undefined
      ? []
      : [`<p>${escapeHtml(REBALANCE_INTRO)}</p>`, htmlTable('leaderless-rebalances', columns(REBALANCE_HEADER.map((h, i) => (i === 0 ? 'Change' : h))), rebalanceRows(s.rebalances))]),
    '</section>',
    '',
  ].join('\n');
}
