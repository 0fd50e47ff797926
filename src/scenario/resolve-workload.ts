import type { ArrivalSpec, Operation, WorkloadClassSpec } from '../model/spec.js';
import { DEFAULTS } from './defaults.js';
import type { Findings } from './issues.js';
import { formatPath, type FieldPath } from './paths.js';
import { resolveDistribution } from './resolve-distribution.js';
import { isRecord, readQuantity, stringOr } from './resolve-values.js';

/** `workload` into request classes with unique names, rates in requests/s, work in seconds, sizes in bytes. */
export function resolveWorkload(raw: unknown, findings: Findings): WorkloadClassSpec[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const firstUse = new Map<string, number>();
  const classes: WorkloadClassSpec[] = [];
  let complete = true;
  raw.forEach((entry: unknown, index) => {
    const path = ['workload', index];
    if (!isRecord(entry)) {
      complete = false;
      return;
    }
    const name = typeof entry.class === 'string' ? entry.class : undefined;
    if (name !== undefined) {
      const first = firstUse.get(name);
      if (first === undefined) firstUse.set(name, index);
      else {
        findings.error({
          path: [...path, 'class'],
          value: name,
          rule: 'duplicate class',
          valid: `a class name not used before (${formatPath(['workload', first, 'class'])} is already '${name}')`,
        });
      }
    }
    const arrivals = resolveArrivals(entry.arrivals, [...path, 'arrivals'], findings);
    const work = resolveDistribution(entry.work, [...path, 'work'], 'duration', findings);
    const size = resolveDistribution(entry.size ?? DEFAULTS.size, [...path, 'size'], 'size', findings);
    const op = stringOr<Operation>(entry.op, DEFAULTS.op, ['compute', 'read', 'write']);
    if (name === undefined || arrivals === undefined || work === undefined || size === undefined || op === undefined) {
      complete = false;
      return;
    }
    classes.push({ name, arrivals, work, size, op });
  });
  return complete ? classes : undefined;
}

function resolveArrivals(raw: unknown, path: FieldPath, findings: Findings): ArrivalSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const positive = { min: 0, exclusive: true };
  switch (raw.process) {
    case 'poisson':
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
    default:
      return undefined; // unknown or missing process: reported by the schema check
  }
}
