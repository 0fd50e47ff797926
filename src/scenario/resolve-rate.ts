import { profileMeanRate } from '../model/rate-profile.js';
import type { RateProfile } from '../model/spec.js';
import { DEFAULTS } from './defaults.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { isRecord, readQuantity, stringOr } from './resolve-values.js';

/** A Poisson class's `rate`: a constant, or a curve or a sine; the mean rate, and the profile when it varies. */
export function resolveRate(
  raw: unknown,
  path: FieldPath,
  findings: Findings,
): { rate: number; profile?: RateProfile } | undefined {
  if (isRecord(raw) && 'curve' in raw) {
    const profile = resolveCurve(raw, path, findings);
    return profile === undefined ? undefined : withMean(profile, path, raw, findings);
  }
  if (isRecord(raw) && 'sine' in raw) {
    const profile = resolveSine(raw.sine, [...path, 'sine'], findings);
    return profile === undefined ? undefined : withMean(profile, path, raw, findings);
  }
  if (isRecord(raw)) return undefined; // another mapping: reported by the schema check
  const rate = readQuantity(raw, path, 'rate', findings, { min: 0, exclusive: true });
  return rate === undefined ? undefined : { rate };
}

function withMean(profile: RateProfile, path: FieldPath, raw: unknown, findings: Findings) {
  const rate = profileMeanRate(profile);
  if (!(rate > 0)) {
    findings.error({ path, value: raw, rule: 'the rate is 0 throughout: no request would arrive', valid: 'a rate above 0 somewhere' });
    return undefined;
  }
  return { rate, profile };
}

function resolveCurve(raw: Record<string, unknown>, path: FieldPath, findings: Findings): RateProfile | undefined {
  const interpolate = stringOr<'linear' | 'step'>(raw.interpolate, DEFAULTS.rateInterpolate, ['linear', 'step']);
  const repeat = readQuantity(raw.repeat, [...path, 'repeat'], 'duration', findings, { min: 0, exclusive: true });
  if (!Array.isArray(raw.curve) || interpolate === undefined || (raw.repeat !== undefined && repeat === undefined)) {
    return undefined;
  }
  const points: [number, number][] = [];
  let complete = true;
  raw.curve.forEach((entry: unknown, index) => {
    const at = [...path, 'curve', index];
    if (!Array.isArray(entry) || entry.length !== 2) {
      complete = false; // reported by the schema check
      return;
    }
    const time = readQuantity(entry[0], [...at, 0], 'duration', findings, { min: 0 });
    const rate = readQuantity(entry[1], [...at, 1], 'rate', findings, { min: 0 });
    if (time === undefined || rate === undefined) {
      complete = false;
      return;
    }
    const previous = points[points.length - 1];
    if (previous === undefined && time !== 0) {
      findings.error({ path: [...at, 0], value: entry[0], rule: 'the first point must be at time 0', valid: '0s' });
      complete = false;
    } else if (previous !== undefined && time <= previous[0]) {
      findings.error({
        path: [...at, 0],
        value: entry[0],
        rule: 'times must increase from point to point',
        valid: `a time after the previous point's (${previous[0]} s)`,
      });
      complete = false;
    }
    points.push([time, rate]);
  });
  if (!complete || points.length === 0) return undefined;
  const lastTime = points[points.length - 1][0];
  if (repeat !== undefined && repeat < lastTime) {
    findings.error({
      path: [...path, 'repeat'],
      value: raw.repeat,
      rule: 'shorter than the curve',
      valid: `a period at least the last point's time (${lastTime} s)`,
    });
    return undefined;
  }
  return repeat === undefined ? { shape: 'curve', points, interpolate } : { shape: 'curve', points, interpolate, repeat };
}

function resolveSine(raw: unknown, path: FieldPath, findings: Findings): RateProfile | undefined {
  if (!isRecord(raw)) return undefined; // reported by the schema check
  const mean = readQuantity(raw.mean, [...path, 'mean'], 'rate', findings, { min: 0, exclusive: true });
  const amplitude = readQuantity(raw.amplitude, [...path, 'amplitude'], 'rate', findings, { min: 0 });
  const period = readQuantity(raw.period, [...path, 'period'], 'duration', findings, { min: 0, exclusive: true });
  const phase = raw.phase === undefined ? 0 : readQuantity(raw.phase, [...path, 'phase'], 'duration', findings, { min: 0 });
  if (mean === undefined || amplitude === undefined || period === undefined || phase === undefined) return undefined;
  if (amplitude > mean) {
    findings.error({
      path: [...path, 'amplitude'],
      value: raw.amplitude,
      rule: 'larger than the mean: the rate would go below 0',
      valid: `at most the mean (${mean}/s)`,
    });
    return undefined;
  }
  return { shape: 'sine', mean, amplitude, period, phase };
}
