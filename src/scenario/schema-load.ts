import { Type } from '@sinclair/typebox';
import { Distribution } from './schema-distributions.js';
import { Closed, Int, PlainNumber, VALID } from './schema-parts.js';

/** The largest closed-loop population: each client is one pending event at most, and 10^6 is a large load generator. */
export const MAX_POPULATION = 1_000_000;

/** A trace replayed 10^6 times faster or slower still has times a double holds; each row sends at most 1 000 requests. */
export const MIN_SPEEDUP = 1e-6;
export const MAX_SPEEDUP = 1e6;
export const MAX_SCALE_RATE = 1000;

export const CLIENTS_VALID =
  'an integer >= 1 (client ids drawn uniformly) or { population: <integer>, thinkTime: <duration or distribution> } ' +
  '(closed-loop clients)';

const ClosedLoopSchema = Closed(
  {
    population: Int(1, {
      maximum: MAX_POPULATION,
      description: 'Number of clients; each has at most one request out at a time.',
    }),
    thinkTime: Distribution(
      'duration',
      'What a client waits between the outcome of one request (reply or failure) and sending its next, e.g. ' +
        '{ dist: exponential, mean: 5s }; its mean must be above 0 (a load generator: e.g. 1ms).',
    ),
  },
  {
    description:
      'Closed-loop clients instead of arrivals: each sends a request, waits for its reply (or its failure after ' +
      'the timeouts and retries of reliability.clients), thinks, and sends again.',
  },
);

/** A class's `clients`: an id population for client-affine policies, or closed-loop clients that send the requests. */
export const ClassClientsSchema = Type.Union(
  [
    Int(1, { description: 'Size of the client population; each request comes from a client drawn uniformly.' }),
    ClosedLoopSchema,
  ],
  {
    description:
      'An integer: each request carries a client id drawn uniformly from that many (for client-hash). ' +
      '{ population, thinkTime }: closed-loop clients that send the requests (no arrivals then).',
    [VALID]: CLIENTS_VALID,
  },
);

export const TraceSchema = Closed(
  {
    process: Type.Literal('trace', { description: 'Replay the arrivals of a trace file.' }),
    file: Type.String({
      minLength: 1,
      description:
        'The trace: a CSV file, relative to the scenario file, with a header naming its columns: time (seconds, or ' +
        'ISO 8601 timestamps with a zone) and optionally class, work (seconds), size (bytes), key.',
      [VALID]: "a CSV file's path relative to the scenario file (e.g. traces/day.csv)",
    }),
    speedup: Type.Optional(PlainNumber({
      minimum: MIN_SPEEDUP,
      maximum: MAX_SPEEDUP,
      description: 'Replay this many times faster: a row at time t arrives at t / speedup.',
      default: 1,
      [VALID]: `a number from ${MIN_SPEEDUP} to ${MAX_SPEEDUP}`,
    })),
    scaleRate: Type.Optional(PlainNumber({
      exclusiveMinimum: 0,
      maximum: MAX_SCALE_RATE,
      description:
        'Heavier (> 1) or lighter (< 1): each row sends floor(scaleRate) requests, plus one with probability of the ' +
        'fraction, drawn from the class\u2019s arrivals stream.',
      default: 1,
      [VALID]: `a number > 0 and at most ${MAX_SCALE_RATE}`,
    })),
  },
  { description: 'Arrivals replayed from a trace file, one per row.' },
);
