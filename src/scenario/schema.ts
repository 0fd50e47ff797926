import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { policyNames } from '../policies/registry.js';
import { DEFAULTS } from './defaults.js';
import { Distribution } from './schema-distributions.js';
import { NetworkSchema, ZonesSchema } from './schema-network.js';
import { ScalingSchema } from './schema-scaling.js';
import { Closed, Int, Name, Quantity, StringEnum, VALID } from './schema-parts.js';
import { ClassClientsSchema, TraceSchema } from './schema-load.js';
import {
  ClientsSchema,
  DetectionSchema,
  FailuresSchema,
  KeysSchema,
  RepairCrewsSchema,
  SloSchema,
} from './schema-reliability.js';
import { topologyRegistryVersion, topologySchema } from '../topology/registry.js';
import { RUN_LIMITS } from './run-limits.js';
import { SweepSchema } from './schema-sweep.js';
import { describeQuantity } from './units.js';

/**
 * The scenario file format, as data. One source for three uses: ajv validates files against it, `clustersim schema`
 * prints it (and schema/scenario.schema.json ships it) so editors can check and complete files, and `ScenarioFile`
 * is its TypeScript type.
 */

const NodeGroupSchema = Closed(
  {
    group: Name({ description: 'Group name; its nodes are named <group>-0, <group>-1, ...' }),
    // The maximum guards the loader: each node is an object, and `count: 1e9` should be an error, not a hang.
    count: Type.Optional(
      Int(1, { maximum: 1_000_000, description: 'Number of identical nodes in the group.', default: DEFAULTS.count }),
    ),
    cores: Type.Optional(
      Int(1, { description: 'Cores per node: parallel service slots in front of one queue.', default: DEFAULTS.cores }),
    ),
    speed: Type.Optional(Quantity('speed', {
      description: 'Work units per second per core (work w takes w / speed seconds); 0.5 or 50% is a half-speed node.',
      default: DEFAULTS.speed,
    })),
    storage: Type.Optional(Quantity('size', {
      description: "Storage capacity per node, e.g. 100GB; writes that do not fit fail. 'unbounded' by default.",
      unbounded: true,
      default: DEFAULTS.storage,
    })),
    bandwidth: Type.Optional(Quantity('bandwidth', {
      description: "NIC bandwidth per node, e.g. 1Gbps or 125MB/s; one transfer at a time. 'unbounded' by default.",
      unbounded: true,
      default: DEFAULTS.bandwidth,
    })),
    zone: Type.Optional(
      Name({ description: 'Availability zone (or rack, datacenter) the nodes live in.', default: DEFAULTS.zone }),
    ),
    queue: Type.Optional(Type.Union(
      [
        Int(0, { description: 'Waiting-room size (requests waiting, not in service); 0 makes a loss system.' }),
        StringEnum(['unbounded'], {
          description: 'No limit on waiting requests.',
          [VALID]: "an integer >= 0 or 'unbounded'",
        }),
      ],
      {
        description: "Waiting-room size per node: an integer >= 0 or 'unbounded'.",
        default: DEFAULTS.queue,
        [VALID]: "an integer >= 0 or 'unbounded'",
      },
    )),
    discipline: Type.Optional(StringEnum(['fifo', 'ps'], {
      description: 'Queue discipline: fifo (first come, first served on each core) or ps (processor sharing).',
      default: DEFAULTS.discipline,
    })),
    priority: Type.Optional(Type.Number({
      exclusiveMinimum: 0,
      description:
        "Weight of the nodes in a leaderless store's coordinator election (coordinator: elected): a request's " +
        'coordinator is node j with probability priority_j x speed_j over the live nodes. Default 1.',
      [VALID]: 'a number > 0',
    })),
    cost: Type.Optional(Quantity('rate', {
      description: 'Price of one node per unit of time, e.g. 0.12/h; counted from the request for a node to its removal.',
    })),
  },
  { description: 'A group of identical nodes.' },
);

const RATE_VALID = 'a rate (e.g. 9/s), { curve: [[0h, 200/s], [9h, 2000/s]], interpolate, repeat } or { sine: { mean, amplitude, period, phase } }';

const RateCurveSchema = Closed(
  {
    curve: Type.Array(
      Type.Tuple([
        Quantity('duration', { description: 'Time since the start of the run (or of the period), e.g. 9h.' }),
        Quantity('rate', { description: 'Arrival rate at that time, e.g. 2000/s.' }),
      ], { description: 'One point: [time, rate].', [VALID]: 'a pair [time, rate], e.g. [9h, 2000/s]' }),
      {
        minItems: 1,
        description: 'Points [time, rate], the first at time 0, times increasing; the last rate holds after the last point.',
        [VALID]: 'a list of [time, rate] pairs',
      },
    ),
    interpolate: Type.Optional(StringEnum(['linear', 'step'], {
      description: 'linear: the rate moves in a straight line between points; step: each rate holds until the next point.',
      default: DEFAULTS.rateInterpolate,
    })),
    repeat: Type.Optional(Quantity('duration', {
      description: 'Period after which the curve starts again (e.g. 24h); at least the last point\'s time. Absent: no repeat.',
    })),
  },
  { description: 'A rate that follows a curve of points.' },
);

const RateSineSchema = Closed(
  {
    sine: Closed(
      {
        mean: Quantity('rate', { description: 'Mean rate, e.g. 1000/s.' }),
        amplitude: Quantity('rate', { description: 'Swing above and below the mean, at most the mean, e.g. 800/s.' }),
        period: Quantity('duration', { description: 'Length of one cycle, e.g. 24h.' }),
        phase: Type.Optional(Quantity('duration', {
          description: 'Time of the first peak, e.g. 14h; 0 (the default) peaks at the start.',
          default: '0s',
        })),
      },
      { description: 'rate(t) = mean + amplitude x cos(2 pi (t - phase) / period).' },
    ),
  },
  { description: 'A rate that follows a sine (a diurnal cycle).' },
);

const PoissonSchema = Closed(
  {
    process: Type.Literal('poisson', { description: 'Poisson arrivals: exponential gaps.' }),
    rate: Type.Union([
      Quantity('rate', { description: 'Mean arrival rate, e.g. 9/s.' }),
      RateCurveSchema,
      RateSineSchema,
    ], {
      description: 'A constant rate, or one that changes with time (a non-homogeneous Poisson process).',
      [VALID]: RATE_VALID,
    }),
  },
  { description: 'Poisson arrivals at a constant rate, or at a rate that follows a curve or a sine.' },
);

const DeterministicSchema = Closed(
  {
    process: Type.Literal('deterministic', { description: 'Evenly spaced arrivals.' }),
    rate: Quantity('rate', { description: 'Arrival rate, e.g. 100/s (one every 10ms).' }),
  },
  { description: 'Arrivals evenly spaced at 1/rate.' },
);

const OnOffSchema = Closed(
  {
    process: Type.Literal('onoff', { description: 'Bursty arrivals: a two-state Markov-modulated Poisson process.' }),
    rateOn: Quantity('rate', { description: 'Poisson rate while on (a burst).' }),
    rateOff: Quantity('rate', { description: 'Poisson rate while off; 0 for silence between bursts.' }),
    meanOn: Quantity('duration', { description: 'Mean length of an on period (exponential).' }),
    meanOff: Quantity('duration', { description: 'Mean length of an off period (exponential).' }),
  },
  { description: 'Bursts: rateOn during on periods, rateOff during off periods.' },
);

const ArrivalsSchema = Type.Union([PoissonSchema, DeterministicSchema, OnOffSchema, TraceSchema], {
  description: 'The arrival process of the class.',
  [VALID]: 'a mapping with process: poisson, deterministic, onoff or trace',
});

const WorkloadClassSchema = Closed(
  {
    class: Name({ description: 'Class name, used in the report.' }),
    arrivals: Type.Optional(ArrivalsSchema),
    work: Distribution('duration', 'Service work per request: seconds on a speed-1 core, constant or distributed.'),
    size: Type.Optional(
      Distribution('size', 'Bytes moved through the NIC per request (the reply, or the request body for writes).'),
    ),
    op: Type.Optional(StringEnum(['compute', 'read', 'write'], {
      description: 'compute and read: CPU, then the reply goes out; write: the body comes in, CPU, then it is stored.',
      default: DEFAULTS.op,
    })),
    keys: Type.Optional(KeysSchema),
    clients: Type.Optional(ClassClientsSchema),
    region: Type.Optional(Name({
      description:
        'The region of the class\u2019s clients (a region of zones:): with topology single-leader they reach the ' +
          'leader, and with reads: any the nodes of their region, and a node in another region costs the route between ' +
          'the two (network.regions), else network.crossRegion, each way; with topology leaderless they reach a live ' +
          'coordinator of their region, else one elsewhere (with coordinator: client, the replicas), at the same cost. Default: ' +
          'clients nowhere in particular (network.clients per zone).',
    })),
  },
  { description: 'A class of requests: how they arrive (arrivals, or closed-loop clients) and what they cost.' },
);

/** "valid:" texts the resolver shares with the schema. */
export const MODULE_VALID =
  'the path of an ES module ending in .js or .mjs, relative to the scenario file (e.g. ./my-policy.mjs)';
export const INFO_VALID = 'exact, piggyback, or { refresh: <duration> } (periodic reports, e.g. { refresh: 100ms })';
export const MAX_DISPATCHERS = 1000;

const PolicySchema = Type.Union(
  [
    Type.String({
      description: 'A dispatch policy name.',
      examples: policyNames(),
      [VALID]: `a policy name (${policyNames().join(', ')})`,
    }),
    // `name` is required unless `module` is given; the resolver says so (a JSON Schema union of the two forms would
    // make a misspelt key read as a missing `module`).
    Type.Object(
      {
        name: Type.Optional(Type.String({
          description:
            'A dispatch policy name; with module, the name shown in the report (default: the module file name).',
          examples: policyNames(),
        })),
        module: Type.Optional(Type.String({
          minLength: 1,
          description:
            'A plug-in policy: the path of an ES module (.js or .mjs, relative to the scenario file) whose default ' +
            'export is a PolicyDefinition. Only a module named here runs code; a scenario file never does.',
          [VALID]: MODULE_VALID,
        })),
      },
      {
        additionalProperties: true,
        description: 'A policy with parameters: { name, ...params }, or a plug-in: { module, ...params }.',
      },
    ),
  ],
  {
    description:
      `Dispatch policy: a name (${policyNames().join(', ')}), { name, ...params }, ` +
      'or a plug-in { module: <path>, ...params }.',
    default: DEFAULTS.policy,
    [VALID]: 'a policy name, { name: <policy>, ...params } or { module: <path>, ...params }',
  },
);

const InfoSchema = Type.Union(
  [
    StringEnum(['exact', 'piggyback'], {
      description:
        "exact: the dispatchers read every queue length live; piggyback: each reply carries its node's queue length.",
      [VALID]: INFO_VALID,
    }),
    Closed(
      {
        refresh: Quantity('duration', {
          description: 'Every node reports its queue length to every dispatcher this often (> 0).',
          [VALID]: describeQuantity('duration', '> 0'),
        }),
      },
      { description: 'Periodic reports: every node reports its queue length every refresh.', [VALID]: INFO_VALID },
    ),
  ],
  {
    description:
      'What the dispatchers know of queue lengths: exact (live), piggyback (on replies) or { refresh: <duration> } ' +
      '(periodic reports). Their own open connections they always know exactly.',
    default: DEFAULTS.info,
    [VALID]: INFO_VALID,
  },
);

const BalancerSchema = Closed(
  {
    policy: Type.Optional(PolicySchema),
    dispatchers: Type.Optional(
      Int(1, {
        maximum: MAX_DISPATCHERS,
        description:
          'Independent dispatchers, each with its own policy state and view; requests are spread uniformly over them.',
        default: DEFAULTS.dispatchers,
      }),
    ),
    info: Type.Optional(InfoSchema),
  },
  { description: 'The load balancer in front of the nodes.' },
);

function buildScenarioFileSchema(topology: TSchema) {
  return Closed(
  {
    $schema: Type.Optional(Type.String({ description: 'The JSON Schema this file follows (for editors).' })),
    name: Type.Optional(
      Name({ description: 'Scenario name; the report goes to <out>/<name>/. Default: the file name.' }),
    ),
    description: Type.Optional(
      Type.String({ description: 'What the scenario is about.', default: DEFAULTS.description }),
    ),
    seed: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Integer()], {
        description: 'Root seed; every random stream derives from it.',
        default: DEFAULTS.seed,
        [VALID]: 'an integer or a non-empty string',
      }),
    ),
    duration: Type.Optional(
      Quantity('duration', { description: 'Measured simulated time after the warm-up, e.g. 2h.' }),
    ),
    requests: Type.Optional(
      Int(1, {
        maximum: RUN_LIMITS.requests,
        description: 'Measure this many requests: the first N arrivals after the warm-up, each followed to its end.',
      }),
    ),
    warmup: Type.Optional(
      Quantity('warmup', {
        description:
          'Warm-up cut before measuring: a duration, a percentage of duration, or auto (MSER-5 on a pilot run chooses it).',
        auto: true,
        default: DEFAULTS.warmup,
      }),
    ),
    warmupRequests: Type.Optional(
      Int(0, {
        maximum: RUN_LIMITS.warmupRequests,
        description: 'Alternatively: the warm-up ends when this many requests have completed.',
        default: DEFAULTS.warmupRequests,
      }),
    ),
    replications: Type.Optional(
      Int(1, {
        maximum: RUN_LIMITS.replications,
        description: 'Independent replications; 2 or more give confidence intervals.',
        default: DEFAULTS.replications,
      }),
    ),
    maxEvents: Type.Optional(
      Int(1, {
        maximum: RUN_LIMITS.maxEvents,
        description: 'Safety bound on events per replication; the report says when it stopped on it.',
      }),
    ),
    interval: Type.Optional(
      Quantity('duration', { description: 'Width of one time-series interval; default duration / 100.' }),
    ),
    nodes: Type.Array(NodeGroupSchema, {
      minItems: 1,
      description: 'The cluster: groups of identical nodes.',
      [VALID]: 'a non-empty list of node groups',
    }),
    zones: Type.Optional(ZonesSchema),
    network: Type.Optional(NetworkSchema),
    balancer: Type.Optional(BalancerSchema),
    topology: Type.Optional(topology),
    scaling: Type.Optional(ScalingSchema),
    workload: Type.Array(WorkloadClassSchema, {
      minItems: 1,
      description: 'Request classes arriving at the balancer.',
      [VALID]: 'a non-empty list of request classes',
    }),
    failures: Type.Optional(FailuresSchema),
    repairCrews: Type.Optional(RepairCrewsSchema),
    detection: Type.Optional(DetectionSchema),
    clients: Type.Optional(ClientsSchema),
    slo: Type.Optional(SloSchema),
    sweep: Type.Optional(SweepSchema),
  },
  {
    title: 'clustersim scenario',
    description: 'A clustersim scenario: the cluster, its workload, the balancer and how long to run.',
    [VALID]: 'a mapping with nodes, workload and duration (or requests)',
  },
);
}

/** The schema with the topologies registered when clustersim starts. */
export const ScenarioFileSchema = buildScenarioFileSchema(topologySchema());

let current: { version: number; schema: TSchema } = { version: topologyRegistryVersion(), schema: ScenarioFileSchema };

/** The schema with every topology registered now (a library or a test may register more: the schema follows). */
export function scenarioFileSchema(): TSchema {
  const version = topologyRegistryVersion();
  if (current.version !== version) current = { version, schema: buildScenarioFileSchema(topologySchema()) };
  return current.schema;
}

/** A scenario file as written (units unparsed, defaults not applied); see `ScenarioSpec` for the resolved form. */
export type ScenarioFile = Static<typeof ScenarioFileSchema>;

/** The schema as plain JSON (TypeBox's symbol-keyed metadata dropped), with its `$schema` dialect. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(scenarioFileSchema())) as Record<string, unknown>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...plain };
}

/** The text of schema/scenario.schema.json: what `clustersim schema` prints. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
