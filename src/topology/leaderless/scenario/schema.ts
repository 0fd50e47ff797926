import { Type } from '@sinclair/typebox';
import { Closed, Int, Name, Quantity, StringEnum, VALID } from '../../../scenario/schema-parts.js';
import { LEADERLESS_DEFAULTS, MAX_VIRTUAL_NODES } from './defaults.js';

export const WRITE_QUORUM_VALID = 'one, quorum, all, any, local_one, local_quorum, each_quorum, or an integer from 1 to replicas';
export const READ_QUORUM_VALID = 'one, quorum, all, local_one, local_quorum, each_quorum, or an integer from 1 to replicas';
const REGION_LEVELS_ABOUT =
  ' With replicas per region: local_one (one replica of the coordinator\'s region; with coordinator: client, the ' +
  'clients\' region, workload[].region), local_quorum (a majority of that region\'s replicas), each_quorum (a ' +
  'majority in every region); a coordinator that knows too few replicas up for them refuses at once.';

export const REPLICAS_VALID = 'an integer >= 1, or a map of region names to counts, e.g. { us-east: 3, eu-west: 3 }';
const REPLICAS_PER_REGION_ABOUT =
  "Per region, copies of each key (Cassandra's NetworkTopologyStrategy, a replication factor per datacenter): a " +
  "key's replicas in a region are the first distinct nodes of that region met clockwise from its hash, other " +
  "regions' nodes skipped; N is the sum.";

export const COORDINATOR_VALID = 'any, client, elected, or { group: <a node group> }';

/** `p99`, `p50`, `p99.9`: a percentile strictly between 0 and 100. */
export const PERCENTILE_PATTERN = '^p([1-9][0-9]?)(\\.[0-9]+)?$';
export const SPECULATIVE_RETRY_VALID = "none, a duration > 0 (e.g. 5ms), or a percentile p1 .. p99.9 (e.g. p99)";
const SPECULATIVE_RETRY_ABOUT =
  'With readFanout quorum: when a read still short of its R replies asks one more replica: none, a fixed time after ' +
  'it started, or a percentile of the replica round trips observed so far (Cassandra\'s speculative_retry, default ' +
  '99p).';

function quorum(words: readonly string[], valid: string, description: string) {
  return Type.Union([StringEnum(words, { description, [VALID]: valid }), Type.Integer({ minimum: 1, description, [VALID]: valid })], {
    description,
    [VALID]: valid,
  });
}

/** `topology: { kind: leaderless, ... }`. Cross-field rules (quorums and replicas against the nodes) are resolve.ts's. */
export const LeaderlessSchema = Closed(
  {
    kind: Type.Literal('leaderless', { description: 'No leader: any node coordinates, N replicas per key on a hash ring.' }),
    replicas: Type.Optional(Type.Union([
      Int(1, {
        description: 'N: copies of each key, on consecutive distinct nodes of the ring; at most the node count.',
        [VALID]: REPLICAS_VALID,
      }),
      Type.Object({}, {
        additionalProperties: Int(1, { description: "This region's copies of each key; at most its node count." }),
        minProperties: 1,
        description: REPLICAS_PER_REGION_ABOUT,
        [VALID]: REPLICAS_VALID,
      }),
    ], {
      description: 'N: copies of each key: a number (consecutive distinct nodes of the ring), or a count per region.',
      default: LEADERLESS_DEFAULTS.replicas,
      [VALID]: REPLICAS_VALID,
    })),
    virtualNodes: Type.Optional(Int(1, {
      maximum: MAX_VIRTUAL_NODES,
      description: "Tokens per node on the ring: a node's share of the keys varies by about 1/sqrt(virtualNodes).",
      default: LEADERLESS_DEFAULTS.virtualNodes,
    })),
    writeQuorum: Type.Optional(quorum(
      ['one', 'quorum', 'all', 'any', 'local_one', 'local_quorum', 'each_quorum'],
      WRITE_QUORUM_VALID,
      'W: acknowledgements a write waits for: one, quorum (floor(N/2) + 1), all, any (one, until hinted handoff ' +
        'exists), or a number.' + REGION_LEVELS_ABOUT,
    )),
    readQuorum: Type.Optional(quorum(
      ['one', 'quorum', 'all', 'local_one', 'local_quorum', 'each_quorum'],
      READ_QUORUM_VALID,
      'R: replies a read uses (the newest version among them wins): one, quorum, all, or a number.' + REGION_LEVELS_ABOUT,
    )),
    coordinator: Type.Optional(Type.Union([StringEnum(['any', 'client', 'elected'], {
      description:
        'any: the balancer picks a node, which coordinates (one more hop each way unless it holds a replica); ' +
        'client: a token-aware client sends to the replicas itself; elected: for each request the live nodes elect ' +
        'the coordinator, node j with probability priority_j x speed_j over the live nodes, at the cost of one ' +
        'message round (a round trip between the client and the elected node before the request goes there).',
    }), Closed(
      {
        group: Name({
          description:
            'A stateless coordinator tier: requests enter a node of this group (the balancer picks it), which ' +
            'coordinates and holds no replicas; the ring is the other nodes\'.',
        }),
      },
      { description: 'A coordinator tier: { group: <a node group> }.' },
    )], {
      description: 'Who coordinates a request: any, client, elected, or { group: <name> } (a coordinator tier).',
      default: LEADERLESS_DEFAULTS.coordinator,
      [VALID]: COORDINATOR_VALID,
    })),
    readFanout: Type.Optional(StringEnum(['all', 'quorum'], {
      description:
        'all: a read asks every replica and uses the first R replies (the Dynamo model); quorum: it asks R replicas, ' +
        'nearest first (its own, then its zone, then its region), and one more after speculativeRetry (Cassandra).',
      default: LEADERLESS_DEFAULTS.readFanout,
    })),
    speculativeRetry: Type.Optional(Type.Union([
      Type.String({ pattern: PERCENTILE_PATTERN, description: SPECULATIVE_RETRY_ABOUT, [VALID]: SPECULATIVE_RETRY_VALID }),
      Quantity('duration', { none: true, description: SPECULATIVE_RETRY_ABOUT, [VALID]: SPECULATIVE_RETRY_VALID }),
    ], { description: SPECULATIVE_RETRY_ABOUT, default: LEADERLESS_DEFAULTS.speculativeRetry, [VALID]: SPECULATIVE_RETRY_VALID })),
    sloppyQuorum: Type.Optional(Type.Boolean({
      description:
        'true: a write meant for a replica the detector suspects goes to a stand-in (the next healthy node clockwise ' +
        'beyond the N replicas), which acknowledges it and keeps a hint for the replica (hinted handoff).',
      default: LEADERLESS_DEFAULTS.sloppyQuorum,
      [VALID]: 'true or false',
    })),
    hintedHandoff: Type.Optional(Closed(
      {
        replay: Type.Optional(Quantity('duration', {
          description: 'Interval of the hint replay rounds: a hint whose replica is back is handed over; > 0.',
          default: LEADERLESS_DEFAULTS.hintedHandoff.replay,
        })),
        maxHintAge: Type.Optional(Quantity('duration', {
          description: 'A hint older than this expires without being handed over (the write loses that copy); > 0.',
          default: LEADERLESS_DEFAULTS.hintedHandoff.maxHintAge,
        })),
      },
      { description: 'Hinted handoff of a sloppy quorum: replay interval and hint lifetime.' },
    )),
    readRepair: Type.Optional(StringEnum(['none', 'async', 'blocking'], {
      description:
        'none; async: a read\'s coordinator writes the newest version it saw to every replica that replied with an ' +
        'older one (late replies included, for requestTimeout after the read started), without making the read wait; ' +
        'blocking: the same, and the read answers only once the stale replicas among the replies it used have ' +
        'acknowledged their repair (Cassandra\'s default: monotonic quorum reads).',
      default: LEADERLESS_DEFAULTS.readRepair,
    })),
    antiEntropy: Type.Optional(Closed(
      {
        every: Quantity('duration', { description: 'Interval between anti-entropy rounds; > 0.' }),
        bandwidth: Type.Optional(Quantity('bandwidth', {
          description: "Throttle of the repair copies leaving each node, e.g. 50MB/s; 'unbounded' by default.",
          unbounded: true,
          default: 'unbounded',
        })),
      },
      {
        description:
          'Anti-entropy (off when absent): every `every` the replicas of each key compare, and the newest version ' +
          'among the running replicas is copied to the reachable ones that hold an older one; the copies cross the ' +
          'NICs and the network.',
      },
    )),
    requestTimeout: Type.Optional(Quantity('duration', {
      description: 'How long a coordinator waits for its quorum before the request fails with quorum-unavailable; > 0.',
      default: LEADERLESS_DEFAULTS.requestTimeout,
    })),
    tVisibility: Type.Optional(Type.Array(Quantity('duration', { description: 'A lower edge of a t-visibility bucket.' }), {
      minItems: 1,
      maxItems: 32,
      description:
        'Edges of the t-visibility buckets (time from the newest version\'s commit to the start of a read), ' +
        'increasing from 0; the last bucket is open above.',
      default: LEADERLESS_DEFAULTS.tVisibility,
      [VALID]: 'a list of increasing durations starting at 0 (e.g. [0ms, 1ms, 10ms])',
    })),
  },
  { description: 'A leaderless (Dynamo-style) store: N replicas per key on a consistent-hash ring, R/W quorums.' },
);
