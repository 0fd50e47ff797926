import type { ArrivalSpec, KeySpec, Operation, WorkloadClassSpec } from '../model/spec.js';
import { distMean } from '../engine/distributions/index.js';
import { DEFAULTS } from './defaults.js';
import type { Findings } from './issues.js';
import { formatPath, type FieldPath } from './paths.js';
import { UniqueNames } from './unique-names.js';
import { resolveDistribution } from './resolve-distribution.js';
import { resolveRate } from './resolve-rate.js';
import { isRecord, optionalInteger, readQuantity, stringOr } from './resolve-values.js';
import { MAX_POPULATION } from './schema-load.js';
import { resolveTrace, type TraceContext } from './resolve-trace.js';

/** `workload` into request classes with unique names, rates in requests/s, work in seconds, sizes in bytes. */
export function resolveWorkload(raw: unknown, scenarioFile: string, findings: Findings): WorkloadClassSpec[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const names = new UniqueNames('workload', 'class');
  const classNames = raw.flatMap((entry: unknown) => (isRecord(entry) && typeof entry.class === 'string' ? [entry.class] : []));
  const traces: TraceContext = { scenarioFile, classNames };
  const classes: WorkloadClassSpec[] = [];
  let complete = true;
  raw.forEach((entry: unknown, index) => {
    const path = ['workload', index];
    if (!isRecord(entry)) {
      complete = false;
      return;
    }
    const name = names.nameOf(entry, index, findings);
    const closedLoop = isRecord(entry.clients);
    const arrivals = closedLoop
      ? resolveClosedLoop(entry, path, findings)
      : entry.arrivals === undefined
        ? missingArrivals(path, findings)
        : resolveArrivals(entry.arrivals, [...path, 'arrivals'], name, traces, findings);
    const work = resolveDistribution(entry.work, [...path, 'work'], 'duration', findings);
    const size = resolveDistribution(entry.size ?? DEFAULTS.size, [...path, 'size'], 'size', findings);
    const op = stringOr<Operation>(entry.op, DEFAULTS.op, ['compute', 'read', 'write']);
    const keys = resolveKeys(entry.keys, [...path, 'keys'], findings);
    const clients = arrivals?.process === 'closed' ? arrivals.population : optionalInteger(entry.clients, 1);
    if (
      name === undefined ||
      arrivals === undefined ||
      work === undefined ||
      size === undefined ||
      op === undefined ||
      (entry.keys !== undefined && keys === undefined) ||
      (entry.clients !== undefined && clients === undefined)
    ) {
      complete = false;
      return;
    }
    if (arrivals.process === 'closed' && !(distMean(arrivals.thinkTime) > 0)) {
      // A client whose request fails at once (rejected by a full queue, no healthy node) would send again at the same
      // instant, for ever: the clock would never move.
      findings.error({
        path: [...path, 'clients', 'thinkTime'],
        value: isRecord(entry.clients) ? entry.clients.thinkTime : undefined,
        rule: 'a think time of mean 0: a client whose request fails at once would send again at the same instant, for ever',
        valid: 'a think time with a mean above 0 (a load generator: e.g. 1ms)',
      });
      complete = false;
      return;
    }
    const resolved: WorkloadClassSpec = { name, arrivals, work, size, op };
    if (keys !== undefined) resolved.keys = keys;
    if (clients !== undefined) resolved.clients = clients;
    if (typeof entry.region === 'string') resolved.region = entry.region;
    classes.push(resolved);
  });
  return complete ? classes : undefined;
}

/**
 * `clients: { population, thinkTime }`: closed-loop clients send the class's requests, so an `arrivals` beside them
 * is an error that names both keys.
 */
function resolveClosedLoop(
  entry: Record<string, unknown>,
  path: FieldPath,
  findings: Findings,
): ArrivalSpec | undefined {
  const clients = entry.clients as Record<string, unknown>;
  if (entry.arrivals !== undefined) {
    findings.error({
      path: [...path, 'arrivals'],
      anchor: 'key',
      rule: `a class has arrivals or closed-loop clients, not both (${formatPath([...path, 'clients'])} sends the requests)`,
      valid: `remove ${formatPath([...path, 'arrivals'])}, or write ${formatPath([...path, 'clients'])} as an integer (client ids only)`,
    });
    return undefined;
  }
  const population = optionalInteger(clients.population, 1);
  const thinkTime = resolveDistribution(clients.thinkTime, [...path, 'clients', 'thinkTime'], 'duration', findings);
  if (population === undefined || population > MAX_POPULATION || thinkTime === undefined) return undefined;
  return { process: 'closed', population, thinkTime };
}

function missingArrivals(path: FieldPath, findings: Findings): undefined {
  findings.error({
    path: [...path, 'arrivals'],
    locate: path,
    rule: 'missing required key: a class needs arrivals or closed-loop clients',
    valid: 'arrivals: { process: poisson, rate: 9/s } (or another process), or clients: { population: 200, thinkTime: 5s }',
  });
  return undefined;
}

function resolveArrivals(
  raw: unknown,
  path: FieldPath,
  className: string | undefined,
  traces: TraceContext,
  findings: Findings,
): ArrivalSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const positive = { min: 0, exclusive: true };
  switch (raw.process) {
    case 'poisson': {
      const rate = resolveRate(raw.rate, [...path, 'rate'], findings);
      if (rate === undefined) return undefined;
      return rate.profile === undefined
        ? { process: 'poisson', rate: rate.rate }
        : { process: 'poisson', rate: rate.rate, profile: rate.profile };
    }
    case 'deterministic': {
      const rate = readQuantity(raw.rate, [...path, 'rate'], 'rate', findings, positive);
      return rate === undefined ? undefined : { process: raw.process, rate };
    }
    case 'onoff': {
      const rateOn = readQuantity(raw.rateOn, [...path, 'rateOn'], 'rate', findings, positive);
      const rateOff = readQuantity(raw.rateOff, [...path, 'rateOff'], 'rate', findings, { min: 0 });
      const meanOn = readQuantity(raw.meanOn, [...path, 'meanOn'], 'duration', findings, positive);
      const meanOff = readQuantity(raw.meanOff, [...path, 'meanOff'], 'duration', findings, positive);
      if (rateOn === undefined || rateOff === undefined || meanOn === undefined || meanOff === undefined) {
        return undefined;
      }
      return { process: 'onoff', rateOn, rateOff, meanOn, meanOff };
    }
    case 'trace':
      return resolveTrace(raw, path, className, traces, findings);
    default:
      return undefined; // unknown or missing process: reported by the schema check
  }
}

/** The largest key space: a zipf table costs 8 bytes per key, built once per run. */
const MAX_KEYS = 10_000_000;

/**
 * `keys: { count, popularity, exponent }` into a `KeySpec`: uniform by default; zipf with exponent 1 unless given.
 * A uniform key space resolves with exponent 0 (zipf with exponent 0 is uniform); an exponent written for it is
 * warned about, since it changes nothing.
 */
function resolveKeys(raw: unknown, path: FieldPath, findings: Findings): KeySpec | undefined {
  if (!isRecord(raw)) return undefined; // absent, or the wrong type: reported by the schema check
  const count = optionalInteger(raw.count, 1);
  const popularity = stringOr<KeySpec['popularity']>(raw.popularity, DEFAULTS.popularity, ['uniform', 'zipf']);
  const exponent = raw.exponent === undefined ? DEFAULTS.zipfExponent : raw.exponent;
  const exponentValid = typeof exponent === 'number' && Number.isFinite(exponent) && exponent >= 0;
  if (count === undefined || count > MAX_KEYS || popularity === undefined || !exponentValid) return undefined;
  if (popularity === 'uniform' && raw.exponent !== undefined) {
    findings.warning({
      path: [...path, 'exponent'],
      anchor: 'key',
      rule: 'has no effect with uniform popularity',
      valid: 'popularity: zipf to skew the keys, or remove exponent',
    });
  }
  return { count, popularity, exponent: popularity === 'zipf' ? exponent : 0 };
}
