import { Type, type TSchema } from '@sinclair/typebox';
import { failureKinds } from '../failures/registry.js';
import type { FailureSpec } from '../model/spec.js';
import { DEFAULTS } from './defaults.js';
import { Distribution } from './schema-distributions.js';
import { Closed, Int, PlainNumber, Quantity, StringEnum, VALID } from './schema-parts.js';

/**
 * The reliability part of the scenario schema: `failures` (one closed mapping per failure kind, told apart by
 * `kind`), `repairCrews`, `detection`, `clients` and `slo`. Cross-field rules (a domain needs rates or times, a
 * timeline step does exactly one thing, selectors must name nodes, timeout > heartbeat) are the resolver's.
 */

/** "valid:" texts the resolver shares with the schema. */
export const SELECTOR_VALID = 'a group, a node name, zone:<zone>, region:<region>, or * (every node)';
export const FACTOR_VALID = 'a fraction of normal speed > 0 and <= 1, or a percentage (e.g. 0.3 or 30%)';
export const AVAILABILITY_VALID = 'a fraction > 0 and <= 1, or a percentage (e.g. 0.999 or 99.9%)';
export const TIMES_VALID = 'a time since the start of the run, or a list of them (durations >= 0, e.g. [30min, 2h])';
export const DURATION_DISTRIBUTION_VALID =
  'a duration (a constant, e.g. 150ms) or a distribution such as { dist: exponential, mean: 150ms }';

function Selector(description: string): TSchema {
  return Type.String({ minLength: 1, description, [VALID]: SELECTOR_VALID });
}

function Times(description: string): TSchema {
  const time = (what: string) => Quantity('duration', { description: what });
  return Type.Union(
    [time('One time since the start of the run.'), Type.Array(time('One time since the start of the run.'), { minItems: 1, description: 'Times since the start of the run.', [VALID]: TIMES_VALID })],
    { description, [VALID]: TIMES_VALID },
  );
}

function Kind<K extends FailureSpec['kind']>(kind: K, description: string): TSchema {
  return Type.Literal(kind, { description });
}

const NODES = 'Which nodes: a group, a node name, zone:<zone>, region:<region>, or * (every node).';

const CrashSchema = Closed(
  {
    kind: Kind('crash', 'Each selected node crashes and is repaired independently.'),
    nodes: Selector(NODES),
    timeToFailure: Distribution('duration', 'Time from a repair (or the start) to the next crash of a node, e.g. { dist: exponential, mean: 100h }.'),
    timeToRepair: Distribution('duration', 'Time a crashed node takes to be repaired (after waiting for a repair crew).'),
  },
  { description: 'Node crashes and repairs, per node, with time-to-failure and time-to-repair distributions.' },
);

const DomainSchema = Closed(
  {
    kind: Kind('domain', 'A failure domain (a zone, a rack, any selector) goes down as one.'),
    nodes: Selector('The domain: every node it selects goes down together, e.g. zone:b.'),
    timeToFailure: Type.Optional(Distribution('duration', 'Time between outages of the domain (with timeToRepair).')),
    timeToRepair: Type.Optional(Distribution('duration', 'Length of an outage of the domain (with timeToFailure).')),
    at: Type.Optional(Times('Times at which the domain goes down (with duration).')),
    duration: Type.Optional(Quantity('duration', { description: 'Length of each outage at the given times (with at).' })),
  },
  { description: 'A correlated outage of a failure domain: at its own rate, at given times, or both.' },
);

const PartitionSchema = Closed(
  {
    kind: Kind('partition', 'The selected nodes are cut off from the dispatcher.'),
    nodes: Selector('The nodes cut off, as one group, e.g. zone:b or region:eu-west.'),
    at: Type.Optional(Times('Times at which the partition starts.')),
    timeBetween: Type.Optional(Distribution('duration', 'Time between partitions, from the end of one to the start of the next.')),
    duration: Distribution('duration', 'How long each partition lasts: a duration or a distribution.'),
  },
  { description: 'A network partition: nothing crosses between the selected nodes and the dispatcher.' },
);

const SlowSchema = Closed(
  {
    kind: Kind('slow', 'Gray failure: the selected nodes run slower.'),
    nodes: Selector('The nodes slowed.'),
    factor: Quantity('fraction', {
      description: 'Speed multiplier while slow: 0.3 or 30% runs at 30 % of normal speed.',
      [VALID]: FACTOR_VALID,
    }),
    at: Type.Optional(Times('Times at which the slowdown starts.')),
    timeBetween: Type.Optional(Distribution('duration', 'Time between slowdowns, from the end of one to the start of the next.')),
    duration: Distribution('duration', 'How long each slowdown lasts: a duration or a distribution.'),
  },
  { description: 'Slow nodes (gray failure): speed, heartbeats included, multiplied by factor for a while.' },
);

const STEP_VALID =
  '{ at: <time>, crash | partition | slow: <nodes>, for: <duration> } (a slow step also has factor), ' +
  '{ at: <time>, add: { group: <group>, count: <n> } } or { at: <time>, remove: { node: <node>, drain: true | false } }';
export const ADD_VALID = '{ group: <a group of nodes>, count: <integer >= 1> } (count defaults to 1)';
export const REMOVE_VALID = '{ node: <a node name>, drain: true | false } (drain defaults to true)';

const AddSchema = Closed(
  {
    group: Type.String({ minLength: 1, description: 'The group the new nodes join; they copy its nodes.', [VALID]: 'a group of nodes' }),
    count: Type.Optional(Int(1, { description: 'How many nodes join (default 1).' })),
  },
  { description: 'Nodes join a group, named on from its highest index (web-4, web-5, ...).', [VALID]: ADD_VALID },
);

const RemoveSchema = Closed(
  {
    node: Type.String({ minLength: 1, description: 'The node that leaves, by name (web-3).', [VALID]: 'a node name' }),
    drain: Type.Optional(
      Type.Boolean({
        description:
          'true (default): out of dispatch at once, removed once it has finished what it holds; false: removed at once, what it holds fails (node-crash).',
        [VALID]: 'true or false',
      }),
    ),
  },
  { description: 'A node leaves the cluster for good.', [VALID]: REMOVE_VALID },
);

const TimelineStepSchema = Closed(
  {
    at: Quantity('duration', { description: 'When the step happens, since the start of the run.' }),
    crash: Type.Optional(Selector('Nodes that crash at this time.')),
    partition: Type.Optional(
      Type.Union([Selector('Nodes cut off at this time.'), Type.Array(Selector('Nodes cut off at this time.'), { minItems: 1, description: 'Nodes cut off at this time.', [VALID]: 'a list of node selectors' })], {
        description: 'Nodes cut off at this time: a selector or a list of them, e.g. [zone:b].',
        [VALID]: `${SELECTOR_VALID}, or a list of them`,
      }),
    ),
    slow: Type.Optional(Selector('Nodes slowed at this time (with factor).')),
    factor: Type.Optional(Quantity('fraction', { description: 'Speed multiplier of a slow step.', [VALID]: FACTOR_VALID })),
    for: Type.Optional(Quantity('duration', { description: 'How long a crash, partition or slow step lasts.' })),
    add: Type.Optional(AddSchema),
    remove: Type.Optional(RemoveSchema),
  },
  { description: 'One scripted step: exactly one of crash, partition, slow, add, remove.', [VALID]: STEP_VALID },
);

const TimelineSchema = Closed(
  {
    kind: Kind('timeline', 'A scripted incident: steps at fixed times.'),
    steps: Type.Array(TimelineStepSchema, {
      minItems: 1,
      description: 'The steps, e.g. { at: 60s, crash: web-3, for: 30s }.',
      [VALID]: `a non-empty list of steps ${STEP_VALID}`,
    }),
  },
  { description: 'A scripted timeline of crashes, partitions and slowdowns, for reproducing an incident; and of nodes added and removed.' },
);

/** One schema per failure kind; the union below lists them in the failure registry's order. */
const FAILURE_SCHEMAS: Record<FailureSpec['kind'], TSchema> = {
  crash: CrashSchema,
  domain: DomainSchema,
  partition: PartitionSchema,
  slow: SlowSchema,
  timeline: TimelineSchema,
};

function failureSchemas(): TSchema[] {
  return failureKinds().map((kind) => {
    const schema = (FAILURE_SCHEMAS as Record<string, TSchema | undefined>)[kind];
    if (schema === undefined) throw new Error(`failure kind '${kind}' is registered but has no scenario schema (src/scenario/schema-reliability.ts)`);
    return schema;
  });
}

export const FailuresSchema = Type.Array(
  Type.Union(failureSchemas(), {
    description: `A failure model: kind ${failureKinds().join(', ')}.`,
    [VALID]: `a mapping with kind: ${failureKinds().join(', ')}`,
  }),
  { description: 'Failure models: crashes, domain outages, partitions, slow nodes, scripted timelines.', [VALID]: 'a list of failure models' },
);

export const RepairCrewsSchema = Type.Union(
  [
    Int(1, {
      description: 'Repair crews shared by all crashed nodes; a crashed node waits for a free crew.',
      [VALID]: "an integer >= 1 or 'unbounded'",
    }),
    StringEnum(['unbounded'], { description: 'Every crashed node is repaired independently.', [VALID]: "an integer >= 1 or 'unbounded'" }),
  ],
  {
    description: "Repair crews shared by all crashed nodes: an integer >= 1 or 'unbounded' (each node repaired independently).",
    default: DEFAULTS.repairCrews,
    [VALID]: "an integer >= 1 or 'unbounded'",
  },
);

export const DetectionSchema = Closed(
  {
    heartbeat: Type.Optional(Quantity('duration', { description: 'Interval between a node\'s heartbeats to the dispatcher.', default: DEFAULTS.heartbeat })),
    timeout: Type.Optional(
      Quantity('duration', { description: 'A node is suspected when no heartbeat has arrived for this long; > heartbeat.', default: DEFAULTS.detectionTimeout }),
    ),
  },
  { description: 'How the dispatcher learns that a node is down: heartbeats and a timeout.' },
);

export const ClientsSchema = Closed(
  {
    timeout: Type.Optional(
      Quantity('duration', {
        description: "Time a client waits for one attempt before retrying; 'none' waits forever.",
        none: true,
        default: DEFAULTS.clientTimeout,
      }),
    ),
    retries: Type.Optional(Int(0, { description: 'Retries after the first attempt times out.', default: DEFAULTS.retries })),
    backoff: Type.Optional(
      Closed(
        {
          base: Type.Optional(Quantity('duration', { description: 'Delay before the first retry (before jitter).', default: DEFAULTS.backoffBase })),
          factor: Type.Optional(
            PlainNumber({ minimum: 1, description: 'Each further retry waits factor x longer.', default: DEFAULTS.backoffFactor, [VALID]: 'a number >= 1' }),
          ),
          jitter: Type.Optional(
            StringEnum(['none', 'full', 'equal'], {
              description: 'none: the exact delay; full: uniform on (0, delay); equal: delay / 2 plus uniform on (0, delay / 2).',
              default: DEFAULTS.jitter,
            }),
          ),
        },
        { description: 'Exponential backoff between retries: base x factor^(retry - 1), with jitter.' },
      ),
    ),
  },
  { description: 'Client behaviour under failures: a timeout per attempt and retries with backoff.' },
);

export const SloSchema = Closed(
  {
    minHealthy: Type.Optional(
      Int(1, { description: 'The service is up while at least this many nodes are up and reachable.', default: DEFAULTS.minHealthy }),
    ),
    p99: Type.Optional(Quantity('duration', { description: 'Objective: 99th percentile response time at most this.' })),
    mean: Type.Optional(Quantity('duration', { description: 'Objective: mean response time at most this.' })),
    availability: Type.Optional(
      Quantity('fraction', {
        description: 'Objective: time- and request-based availability at least this, e.g. 99.9%.',
        [VALID]: AVAILABILITY_VALID,
      }),
    ),
    successRatio: Type.Optional(
      Quantity('fraction', {
        description:
          'The service is down (degraded) in a time-series interval where fewer than this fraction of the requests that finished in it succeeded.',
        default: DEFAULTS.successRatio,
        [VALID]: AVAILABILITY_VALID,
      }),
    ),
    minThroughput: Type.Optional(
      Quantity('rate', { description: 'The service is down (degraded) in a time-series interval with fewer completed requests per second than this.' }),
    ),
  },
  { description: 'Service-level objectives, checked in the report, and what counts as up (minHealthy, successRatio, minThroughput).' },
);

export const KeysSchema = Closed(
  {
    count: Int(1, { maximum: 10_000_000, description: 'Number of distinct keys (0 .. count - 1).' }),
    popularity: Type.Optional(
      StringEnum(['uniform', 'zipf'], { description: 'uniform, or zipf: key i drawn with weight 1 / (i + 1)^exponent.', default: DEFAULTS.popularity }),
    ),
    exponent: Type.Optional(
      PlainNumber({ minimum: 0, description: 'Zipf exponent (popularity zipf only); 0 is uniform.', default: DEFAULTS.zipfExponent, [VALID]: 'a number >= 0' }),
    ),
  },
  { description: 'The keys requests address, for key-affine policies such as consistent-hash.' },
);
