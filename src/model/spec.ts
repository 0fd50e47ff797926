import type { DistSpec } from '../engine/distributions/spec.js';
import type { NodeTable } from './node-table.js';

/**
 * The resolved scenario: every unit parsed into plain numbers (seconds, bytes, bytes/s, requests/s), every group
 * expanded into nodes, every default applied. The scenario loader produces it; the model and the experiment consume
 * it; library users may build it by hand.
 */
export interface ScenarioSpec {
  name: string;
  description: string;
  /** The root seed; every random stream derives from it. */
  seed: string;
  run: RunSpec;
  /** The nodes by id (runs of like nodes, not an object per node: `NodeTable.of(specs)` builds it from NodeSpecs). */
  nodes: NodeTable;
  network: NetworkSpec;
  balancer: BalancerSpec;
  workload: WorkloadClassSpec[];
  /** Failures, detection, client retries and objectives; absent: no failures, ideal clients. */
  reliability?: ReliabilitySpec;
  /** Auto-scaling: one controller per scaled group (src/scaling/); absent: the node set changes only by script. */
  scaling?: ScalingSpec[];
  /** The cluster's organisation; absent: the direct topology (a dispatcher in front of stateless nodes). */
  topology?: TopologySpec;
  /** The axes of a study (`sweep:`), which `clustersim compare` spans when no --sweep is given; absent: none. */
  sweep?: SweepAxisSpec[];
}

/** One axis of a study: the offered load (`load`) or a scenario field by dotted path (set like --set), and its values. */
export interface SweepAxisSpec {
  parameter: string;
  kind: 'load' | 'path';
  values: number[];
}

/**
 * A single-leader replicated store (issue 6, `replicated` mode): every node is a Raft server; writes go to the
 * leader, which serves them on its own station, appends them to the Raft log and acknowledges them by `replication`;
 * reads go to the leader or to a uniformly random live node. Times in seconds.
 */
/**
 * What every topology's resolved settings carry: its `kind`, a key of the topology registry
 * (src/topology/registry.ts), whose definition reads the rest.
 */
export interface TopologySpec {
  kind: string;
}

export interface SingleLeaderTopologySpec extends TopologySpec {
  kind: 'single-leader';
  /** replicated: a store led by one node; scheduler: the leader assigns tasks to the other nodes (workers). */
  mode: 'replicated' | 'scheduler';
  replication: 'async' | 'quorum' | 'all';
  reads: 'leader' | 'any';
  /** The leader's AppendEntries (heartbeat) interval. */
  heartbeat: number;
  /** A follower's election timeout, drawn uniformly from [min, max] on every reset. */
  electionTimeout: [number, number];
  /** One-way delay of every Raft message between nodes; default: `network.latency`. */
  delay?: DistSpec;
  /** scheduler mode: the work of one scheduling decision on the leader's cores (seconds at speed 1); default 1 ms. */
  decisionWork?: number;
  /**
   * Log compaction: committed entries a server keeps below its commit index for lagging followers, at most; a follower
   * further behind gets the leader's snapshot. Default 10 000.
   */
  snapshotThreshold?: number;
  /** replicated mode: a standby in another region, fed by asynchronous log shipping, and the failover to it. */
  standby?: StandbySpec;
  /** replicated mode: which nodes vote, which follow without a vote, and where the leader should be. */
  placement?: PlacementSpec;
}

/**
 * Raft roles by place (issue 14): per zone or region name, how many of its nodes (in node order) vote and how many
 * follow without a vote; every node has a role. Absent: every node votes.
 */
export interface PlacementSpec {
  voters: Record<string, number>;
  nonVoters: Record<string, number>;
  /** A zone or region holding voters whose voters take the leadership whenever one of them can. */
  preferredLeader?: string;
}

/**
 * A standby replica of the store in another region (issue 14, active/passive): every acknowledged write is shipped to
 * it over the cross-region link, and when the primary has no leader for `threshold` health checks in a row it is
 * promoted and the clients are redirected to it. Times in seconds.
 */
export interface StandbySpec {
  /** The region the standby is in: one with no node of the cluster (so it reaches them by its route, else network.crossRegion). */
  region: string;
  /** The clients' one-way latency to the standby (default network.latency). */
  clients?: DistSpec;
  failover: FailoverSpec;
  /** The disaster-recovery tier (absent: active-passive, the full standby kept in sync). */
  tier?: TierSpec;
  /** Failback when the primary region returns: scripted `after` its return (absent: the standby stays the primary). */
  failback?: { after: number };
  /** The standby's full size once it serves: nodes and cores per node (default: the primary's node count and cores). */
  nodes?: number;
  cores?: number;
}

/**
 * The disaster-recovery tiers of the AWS whitepaper "Disaster Recovery of Workloads on AWS" (backup and restore, pilot
 * light, warm standby, multi-site active/passive), each a definition in topology/single-leader/recovery/tiers/.
 * Times in seconds.
 */
export type TierSpec =
  | { kind: 'active-passive' }
  /** Snapshots every `every` (the writes since the last one, shipped over the region link); a restore after the promotion. */
  | { kind: 'backup-restore'; every: number; restore: DistSpec }
  /** Replicated as active-passive into `replicas` data nodes; the serving nodes are provisioned after the promotion. */
  | { kind: 'pilot-light'; replicas: number; provisioning: DistSpec }
  /**
   * `nodes` serving nodes kept running; scaled up to the full size `scaleUp` after the redirection (a scripted step),
   * or by the controller `autoscaler` between `nodes` and the full size (exactly one of the two).
   */
  | { kind: 'warm-standby'; nodes: number; scaleUp?: DistSpec; autoscaler?: ScalingSpec };

/** The failover procedure as data: detection, an operator's decision (manual only), promotion, redirection. */
export interface FailoverSpec {
  /** Health checks of the primary every `interval`; `threshold` failed checks in a row declare it lost. */
  interval: number;
  threshold: number;
  /** Manual failover: the operator's decision delay between detection and the start of the promotion. */
  decision?: DistSpec;
  /** How long the promotion of the standby takes. */
  promotion: DistSpec;
  /** The clients reach the promoted standby this long after its promotion (the DNS TTL; 0: immediate). */
  redirection: number;
}


export interface RunSpec {
  /** Measured simulated time in seconds after the warm-up; the run stops at warmup + duration. */
  duration?: number;
  /**
   * Alternatively: measure this many requests — the first `requests` arrivals after the warm-up, each followed to
   * its end.
   */
  requests?: number;
  /** Warm-up cut before measuring, in seconds of simulated time. */
  warmup: number;
  /**
   * `warmup: auto`: the warm-up is chosen before the run by MSER-5 on a pilot run (experiment/auto-warmup.ts);
   * `warmup` is 0 until then.
   */
  warmupAuto?: boolean;
  /** Alternatively: warm-up ends when this many requests have completed. */
  warmupRequests?: number;
  replications: number;
  /** A safety bound on processed events per replication; the run says so when it stops on it. */
  maxEvents?: number;
  /** Width of one time-series interval in seconds; default: measured duration / 100. */
  interval?: number;
}

export type Discipline = 'fifo' | 'ps';

export interface NodeSpec {
  /** Unique: `<group>-<index>`. */
  name: string;
  group: string;
  /** Parallel service slots in front of one queue. */
  cores: number;
  /** Work units per second per core; work w takes w / speed seconds. */
  speed: number;
  /** Bytes; Infinity when unbounded. A write that does not fit fails with cause `storage-full`. */
  storage: number;
  /** NIC bandwidth in bytes per second; Infinity when unbounded. One transfer at a time per NIC. */
  bandwidth: number;
  zone: string;
  /** Waiting-room size (requests waiting, not in service); Infinity when unbounded; 0 makes a loss system. */
  queue: number;
  discipline: Discipline;
  /**
   * Weight in a leaderless store's coordinator election (`coordinator: elected`): chosen with probability
   * priority x speed over the live nodes. Absent: 1.
   */
  priority?: number;
  /** Price per second of the node's existence (from its provisioning request to its removal); absent: no price. */
  cost?: number;
}

/**
 * The network: the clients (with the dispatcher) and the nodes, whose zones may belong to regions. Every path not
 * given a latency of its own takes `latency`, so `{ latency }` alone is one latency for every path, each way.
 */
export interface NetworkSpec {
  /** One-way latency of every path without its own below: clients to a node, and node to node. */
  latency: DistSpec;
  /** One-way latency between two nodes of one zone; absent: `latency`. */
  sameZone?: DistSpec;
  /** Between two nodes of different zones of one region; absent: `latency`. */
  crossZone?: DistSpec;
  /** Between two nodes of different regions; absent: `latency`. */
  crossRegion?: DistSpec;
  /** The clients' one-way latency to the nodes of a zone, per zone; a zone not listed: `latency`. */
  clients?: Record<string, DistSpec>;
  /** The region of each zone (zone -> region); a zone not listed is in region `default` (see `regionOfZone`). */
  regions?: Record<string, string>;
  /** Shared links: one FIFO link per pair of zones of one region (`crossZone`), per pair of regions (`crossRegion`). */
  links?: { crossZone?: LinkSpec; crossRegion?: LinkSpec };
  /**
   * Routes between named regions (`network.regions`), one per direction (a route written once is listed both ways):
   * a pair of regions with a route takes its latency and its link's bandwidth instead of `crossRegion` and
   * `links.crossRegion`; a pair without one keeps those. Absent: no route.
   */
  regionRoutes?: RegionRouteSpec[];
}

/** The route from one region to another (SimGrid's `zoneRoute` between two zones, as data): either figure may be absent. */
export interface RegionRouteSpec {
  from: string;
  to: string;
  /** One-way latency from `from` to `to`; absent: `crossRegion` (else `latency`). */
  latency?: DistSpec;
  /** The bandwidth of the pair's one link (both directions share it, so both give the same); absent: `links.crossRegion`. */
  bandwidth?: number;
}

/** A shared link: one transfer at a time, in FIFO order, `bytes / bandwidth` each (as a node's NIC). */
export interface LinkSpec {
  /** Bytes per second, > 0 and finite. */
  bandwidth: number;
}

export interface PolicySpec {
  name: string;
  params: Record<string, unknown>;
  /**
   * A user plug-in: the absolute path of an ES module whose default export is a PolicyDefinition. Only a module
   * named here runs code; a scenario file itself never does.
   */
  module?: string;
}

export interface BalancerSpec {
  policy: PolicySpec;
  /** Independent dispatchers, each with its own policy state and view; requests are spread uniformly over them. */
  dispatchers?: number;
  /**
   * What a dispatcher knows of queue lengths: exact (default), reported by every node every `refresh` seconds, or
   * piggy-backed on the replies it receives. Its own open connections it always knows exactly.
   */
  info?: { mode: 'exact' } | { mode: 'periodic'; refresh: number } | { mode: 'piggyback' };
}

/**
 * A rate that changes with time (requests/s against seconds since the start of the run).
 * - `curve`: points `[t, rate]` from t = 0, times increasing; `linear` interpolates between points, `step` holds each
 *   rate until the next point; after the last point the last rate holds, until `repeat` (seconds) when the curve
 *   starts again, or for ever.
 * - `sine`: mean + amplitude x cos(2 pi (t - phase) / period): `phase` is the time of the first peak.
 */
export type RateProfile =
  | {
      shape: 'curve';
      points: readonly (readonly [number, number])[];
      interpolate: 'linear' | 'step';
      repeat?: number;
    }
  | { shape: 'sine'; mean: number; amplitude: number; period: number; phase: number };

export type ArrivalSpec =
  /**
   * `rate` is the long-run mean; with a `profile` the process is a non-homogeneous Poisson process whose rate at
   * time t is the profile's (and `rate` its mean over a period, or over the curve's points if it does not repeat).
   */
  | { process: 'poisson'; rate: number; profile?: RateProfile }
  | { process: 'deterministic'; rate: number }
  /**
   * Two-state Markov-modulated Poisson process: `rateOn` while on, `rateOff` while off, exponential sojourns with
   * means `meanOn` and `meanOff` (seconds). rateOff = 0 gives classic on/off bursts.
   */
  | { process: 'onoff'; rateOn: number; rateOff: number; meanOn: number; meanOff: number }
  /**
   * Closed-loop clients (`clients: { population, thinkTime }` in a scenario file): `population` clients, each of
   * which sends a request, waits for its final outcome (the reply, or the failure after the runtime's timeouts and
   * retries), thinks for a `thinkTime` draw, and sends again. Every client starts thinking at time 0. Client ids are
   * 0 .. population - 1.
   */
  | { process: 'closed'; population: number; thinkTime: DistSpec }
  /**
   * Replay of a trace file (model/trace-rows.ts): one arrival per row at the row's time / `speedup`; each row becomes
   * `scaleRate` arrivals on average (floor(scaleRate), plus one with probability of its fraction). `file` is an
   * absolute path. In a trace with a `class` column the class replays only the rows naming it. `rows` (the class's)
   * and `span` (its last row's time, seconds from the trace's origin, before `speedup`) are what the scenario loader
   * counted while checking every row, for the mean rate.
   */
  | { process: 'trace'; file: string; speedup: number; scaleRate: number; rows: number; span: number };

export type Operation = 'compute' | 'read' | 'write';

export interface WorkloadClassSpec {
  name: string;
  arrivals: ArrivalSpec;
  /** Seconds of service on a speed-1 core. */
  work: DistSpec;
  /** Bytes moved through the node's NIC (request body for a write, reply body otherwise). */
  size: DistSpec;
  /**
   * compute and read: CPU then the reply goes out through the NIC; write: the body comes in through the NIC, then
   * CPU, then it is stored (and fails if the node's storage is full).
   */
  op: Operation;
  /** The key space requests address (for key-affine policies); absent: requests carry no key. */
  keys?: KeySpec;
  /**
   * Size of the client population; each request comes from a client drawn uniformly (a closed loop: from the client
   * that sends it). Absent: no client ids.
   */
  clients?: number;
  /**
   * The region the class's clients are in (issue 14): a topology that reads it sends them to the nodes of their
   * region where it can, and a node elsewhere costs the cross-region latency. Absent: clients nowhere in particular
   * (each zone's `network.clients` latency).
   */
  region?: string;
}

export interface KeySpec {
  count: number;
  /** uniform, or zipf: key i (from 0) drawn with probability proportional to 1 / (i + 1)^exponent. */
  popularity: 'uniform' | 'zipf';
  exponent: number;
}

/**
 * Which nodes a failure applies to: a group name, a node name, `zone:<zone>`, `region:<region>`, or `*` for every
 * node.
 */
export type NodeSelector = string;

export type FailureSpec =
  /** Each selected node fails and is repaired independently. */
  | { kind: 'crash'; nodes: NodeSelector; timeToFailure: DistSpec; timeToRepair: DistSpec }
  /**
   * A failure domain (a zone, or any selector) goes down as one: every node in it crashes together. Either with
   * its own rates (timeToFailure / timeToRepair) or at given times (`at`, each for `duration`).
   */
  | { kind: 'domain'; nodes: NodeSelector; timeToFailure?: DistSpec; timeToRepair?: DistSpec; at?: number[]; duration?: number }
  /** The selected nodes are cut off from the dispatcher (requests, replies and heartbeats are lost). */
  | { kind: 'partition'; nodes: NodeSelector; timeBetween?: DistSpec; duration: DistSpec; at?: number[] }
  /** Gray failure: the selected nodes run at `factor` x their speed for `duration`. */
  | { kind: 'slow'; nodes: NodeSelector; factor: number; timeBetween?: DistSpec; duration: DistSpec; at?: number[] }
  /** A scripted incident: each step at a fixed time, for a fixed duration. */
  | { kind: 'timeline'; steps: TimelineStep[] };

export type TimelineStep =
  | { at: number; crash: NodeSelector; for: number }
  | { at: number; partition: NodeSelector[]; for: number }
  | { at: number; slow: NodeSelector; factor: number; for: number }
  /** Membership: `count` nodes join group `group` (copies of its nodes, named on from its highest index). */
  | { at: number; add: { group: string; count: number } }
  /** Membership: node `node` leaves, drained first (out of dispatch, finishing what it holds) or at once. */
  | { at: number; remove: { node: string; drain: boolean } };

/** Heartbeat failure detection at the dispatcher. */
export interface DetectionSpec {
  /** Interval between a node's heartbeats. */
  heartbeat: number;
  /** A node is suspected when no heartbeat has arrived for this long. */
  timeout: number;
}

/** Client behaviour: a timeout per attempt and retries with exponential backoff. */
export interface ClientSpec {
  /** Seconds; Infinity: clients wait forever and a request lost in a crash fails at once (connection reset). */
  timeout: number;
  retries: number;
  backoff: { base: number; factor: number; jitter: 'none' | 'full' | 'equal' };
}

export interface SloSpec {
  /** The service is up while at least this many nodes are healthy (up and reachable). */
  minHealthy: number;
  /** Objectives checked in the report; absent: not checked. */
  p99?: number;
  mean?: number;
  /** Fraction, e.g. 0.999; checked against both time- and request-based availability. */
  availability?: number;
  /**
   * The service is also down in an interval of the time series where fewer than this fraction of the measured
   * requests that finished in it succeeded (a reply delivered; with a client timeout, within it).
   */
  successRatio: number;
  /** Requests per second; the service is also down in an interval with fewer completions than this. */
  minThroughput?: number;
}

export interface ReliabilitySpec {
  failures: FailureSpec[];
  /** Repair crews shared by all crashed nodes; Infinity: every node is repaired independently. */
  repairCrews: number;
  detection: DetectionSpec;
  clients: ClientSpec;
  slo: SloSpec;
}

/** What a scaling controller reads, averaged over its window: see src/scaling/group-metrics.ts. */
export type ScalingMetric = 'utilization' | 'inFlightPerNode' | 'queueLengthPerNode' | 'p99' | 'rate';

/** One HPA rate-limiting policy: at most `pods` nodes, or `percent` % of the count, per `period` seconds. */
export type ScalingPolicySpec = { pods: number; period: number } | { percent: number; period: number };

export interface ScalingRulesSpec {
  stabilization: number;
  policies: readonly ScalingPolicySpec[];
  select: 'max' | 'min' | 'disabled';
}

/** What every `scaling[]` entry has: a controller over the nodes of one group. Durations in seconds. */
export interface ScalingBaseSpec {
  group: string;
  /** Fewest nodes of the group (0 only for scale-to-zero). */
  min: number;
  max: number;
  /** From the request for a node to the node serving. */
  provisioning: DistSpec;
  /** Longest a removed node may drain before what it still holds is lost (Infinity: until empty). */
  drain: number;
}

/** The Kubernetes HPA (src/scaling/target-tracking.ts). */
export interface TargetTrackingSpec extends ScalingBaseSpec {
  controller: 'target-tracking';
  metric: ScalingMetric;
  /** The metric's target per ready node (a fraction for utilization). */
  target: number;
  tolerance: number;
  syncPeriod: number;
  /** Seconds the metric is averaged over (ending `metricsDelay` before the sync). */
  window: number;
  metricsDelay: number;
  up: ScalingRulesSpec;
  down: ScalingRulesSpec;
}

/** No node until a request waits for one; an idle node leaves (src/scaling/scale-to-zero.ts). */
export interface ScaleToZeroSpec extends ScalingBaseSpec {
  controller: 'scale-to-zero';
  /** Seconds a node holds nothing before it is removed (down to `min`). */
  idleTimeout: number;
}

/** One step of a step-scaling alarm: for a breach (metric - threshold) in [lower, upper), change the count by `change`. */
export interface ScalingStepSpec {
  /** -Infinity: no lower bound. */
  lower: number;
  /** Infinity: no upper bound. */
  upper: number;
  /** Nodes to add (> 0) or remove (< 0). */
  change: number;
}

/** A step-scaling alarm: breached while the metric is above (up) or below (down) `threshold`. */
export interface ScalingAlarmSpec {
  threshold: number;
  steps: ScalingStepSpec[];
}

/** AWS step scaling (src/scaling/step.ts). */
export interface StepScalingSpec extends ScalingBaseSpec {
  controller: 'step';
  metric: ScalingMetric;
  /** The alarm's period: one datapoint, the metric averaged over it, per period. */
  syncPeriod: number;
  metricsDelay: number;
  /** Consecutive breaching datapoints that put an alarm in ALARM. */
  evaluationPeriods: number;
  /** After a scaling activity: scale-outs only add beyond the largest so far, scale-ins are ignored. */
  cooldown: number;
  up?: ScalingAlarmSpec;
  down?: ScalingAlarmSpec;
}

/** One action of a repeating day: from `at` (seconds into the cycle) on, the bounds and count given. */
export interface ScheduledActionSpec {
  at: number;
  min?: number;
  max?: number;
  count?: number;
}

/** Scheduled scaling (src/scaling/scheduled.ts). */
export interface ScheduledScalingSpec extends ScalingBaseSpec {
  controller: 'scheduled';
  /** Seconds of the cycle the actions repeat over. */
  repeat: number;
  /** In order of `at`. */
  actions: ScheduledActionSpec[];
}

/** `scaling[]` entry, by controller. */
export type ScalingSpec = TargetTrackingSpec | ScaleToZeroSpec | StepScalingSpec | ScheduledScalingSpec;
