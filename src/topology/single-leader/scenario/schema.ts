import { Type } from '@sinclair/typebox';
import { Distribution } from '../../../scenario/schema-distributions.js';
import { Closed, Int, Quantity, StringEnum, VALID } from '../../../scenario/schema-parts.js';
import { MAX_SNAPSHOT_THRESHOLD, SINGLE_LEADER_DEFAULTS } from './defaults.js';
import { PlacementSchema } from './placement-schema.js';
import { StandbySchema } from './standby-schema.js';

/** "valid:" texts the resolver shares with the schema. */
export const MODE_VALID = 'replicated or scheduler';
export const ELECTION_TIMEOUT_VALID =
  'a list of two durations [min, max] with heartbeat < min <= max, the timeout drawn uniformly between them ' +
  '(e.g. [150ms, 300ms])';

/**
 * `topology: { kind: single-leader, ... }`. Cross-field rules (heartbeat < electionTimeout min <= max) are the
 * resolver's (resolve.ts).
 */
export const SingleLeaderSchema = Closed(
  {
    kind: Type.Literal('single-leader', { description: 'One elected leader (Raft) orders the writes.' }),
    mode: StringEnum(['replicated', 'scheduler'], {
      description:
        'replicated: a store led by one node (writes to the leader, replicated to the followers); scheduler: the ' +
        'leader assigns every task to a worker (the other nodes) by balancer.policy.',
      [VALID]: MODE_VALID,
    }),
    replication: Type.Optional(StringEnum(['async', 'quorum', 'all'], {
      description:
        'When the leader acknowledges a write: async at once, quorum when a majority holds it (committed), all when ' +
        'every live follower holds it too.',
      default: SINGLE_LEADER_DEFAULTS.replication,
    })),
    reads: Type.Optional(StringEnum(['leader', 'any'], {
      description: 'Where reads go: the leader, or any live node drawn uniformly (possibly stale).',
      default: SINGLE_LEADER_DEFAULTS.reads,
    })),
    heartbeat: Type.Optional(Quantity('duration', {
      description: "Interval between the leader's heartbeats (AppendEntries) to its followers; > 0.",
      default: SINGLE_LEADER_DEFAULTS.heartbeat,
    })),
    electionTimeout: Type.Optional(Type.Array(
      Quantity('duration', { description: 'A bound of the election timeout range.' }),
      {
        minItems: 2,
        maxItems: 2,
        description:
          'A follower that hears no heartbeat for its election timeout, drawn uniformly from [min, max] on every ' +
          'reset, stands for election; min must exceed heartbeat.',
        default: SINGLE_LEADER_DEFAULTS.electionTimeout,
        [VALID]: ELECTION_TIMEOUT_VALID,
      },
    )),
    decisionWork: Type.Optional(Quantity('duration', {
      description:
        "scheduler mode: the work of one scheduling decision on the leader's cores (at speed 1); > 0. The leader " +
        'saturates at cores x speed / decisionWork tasks per second.',
      default: SINGLE_LEADER_DEFAULTS.decisionWork,
    })),
    delay: Type.Optional(Distribution(
      'duration',
      'One-way delay of every Raft message (heartbeats, replication, votes) between nodes. Default: network.latency.',
    )),
    snapshotThreshold: Type.Optional(Int(0, {
      maximum: MAX_SNAPSHOT_THRESHOLD,
      description:
        'Log compaction: committed entries each server keeps below its commit index for followers that lag, at most ' +
        '(a leader also drops what every follower holds). A follower further behind is sent the leader\'s snapshot ' +
        '(the bytes of every write it covers, on the leader\'s NIC).',
      default: SINGLE_LEADER_DEFAULTS.snapshotThreshold,
    })),
    standby: Type.Optional(StandbySchema),
    placement: Type.Optional(PlacementSchema),
  },
  { description: 'A single-leader cluster: every node is a Raft server; the elected leader serves the writes.' },
);
