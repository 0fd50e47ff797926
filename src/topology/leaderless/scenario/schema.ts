import { Type } from '@sinclair/typebox';
import { Closed, Int, Quantity, StringEnum, VALID } from '../../../scenario/schema-parts.js';
import { LEADERLESS_DEFAULTS, MAX_VIRTUAL_NODES } from './defaults.js';

export const WRITE_QUORUM_VALID = 'one, quorum, all, any, or an integer from 1 to replicas';
export const READ_QUORUM_VALID = 'one, quorum, all, or an integer from 1 to replicas';

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
    replicas: Type.Optional(Int(1, {
      description: 'N: copies of each key, on consecutive distinct nodes of the ring; at most the node count.',
      default: LEADERLESS_DEFAULTS.replicas,
    })),
    virtualNodes: Type.Optional(Int(1, {
      maximum: MAX_VIRTUAL_NODES,
      description: "Tokens per node on the ring: a node's share of the keys varies by about 1/sqrt(virtualNodes).",
      default: LEADERLESS_DEFAULTS.virtualNodes,
    })),
    writeQuorum: Type.Optional(quorum(
      ['one', 'quorum', 'all', 'any'],
      WRITE_QUORUM_VALID,
      'W: acknowledgements a write waits for: one, quorum (floor(N/2) + 1), all, any (one, until hinted handoff ' +
        'exists), or a number.',
    )),
    readQuorum: Type.Optional(quorum(
      ['one', 'quorum', 'all'],
      READ_QUORUM_VALID,
      'R: replies a read uses (the newest version among them wins): one, quorum, all, or a number.',
    )),
    coordinator: Type.Optional(StringEnum(['any', 'client'], {
      description:
        'any: the balancer picks a node, which coordinates (one more hop each way unless it holds a replica); ' +
        'client: a token-aware client sends to the replicas itself.',
      default: LEADERLESS_DEFAULTS.coordinator,
    })),
    readFanout: Type.Optional(StringEnum(['all'], {
      description: 'all: a read asks every replica and uses the first R replies (the Dynamo model).',
      default: LEADERLESS_DEFAULTS.readFanout,
    })),
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
    readRepair: Type.Optional(StringEnum(['none', 'async'], {
      description:
        'none, or async: a read\'s coordinator writes the newest version it saw to every replica that replied with an ' +
        'older one (late replies included, for requestTimeout after the read started), without making the read wait.',
      default: LEADERLESS_DEFAULTS.readRepair,
    })),
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
