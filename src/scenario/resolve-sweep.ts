/** The `sweep:` block into its axes, with every problem reported at the key that has it. */
import type { SweepAxisSpec } from '../model/spec.js';
import type { Findings } from './issues.js';
import { isRecord } from './resolve-values.js';
import { SWEEP_AXIS_VALID } from './schema-sweep.js';
import { axisKind, decimalsOf, gridProblem, rangeValues } from './sweep-grid.js';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function resolveAxis(raw: unknown, index: number, findings: Findings): SweepAxisSpec | undefined {
  // The schema check has reported a wrong shape or type already: only what it cannot see is checked here.
  if (!isRecord(raw) || typeof raw.parameter !== 'string') return undefined;
  const at = (key: string) => ['sweep', index, key];
  const range = [raw.from, raw.to, raw.step];
  const rangeGiven = range.some((v) => v !== undefined);
  if ((raw.values === undefined) === !rangeGiven) {
    findings.error({
      path: ['sweep', index],
      rule: rangeGiven ? 'give values or from/to/step, not both' : 'no values: give values or from, to and step',
      valid: SWEEP_AXIS_VALID,
    });
    return undefined;
  }
  let values: number[];
  if (raw.values !== undefined) {
    if (!Array.isArray(raw.values) || !raw.values.every(isNumber)) return undefined;
    values = raw.values;
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    if (repeated !== undefined) {
      findings.error({ path: at('values'), value: repeated, rule: 'a value repeats', valid: 'distinct numbers' });
      return undefined;
    }
  } else {
    const missing = (['from', 'to', 'step'] as const).filter((key) => raw[key] === undefined);
    if (missing.length > 0) {
      findings.error({ path: ['sweep', index], rule: `a range needs from, to and step; ${missing.join(' and ')} missing`, valid: SWEEP_AXIS_VALID });
      return undefined;
    }
    if (!range.every(isNumber)) return undefined;
    const [from, to, step] = range as number[];
    const expanded = rangeValues(from, to, step, Math.max(...range.map((v) => decimalsOf(String(v)))));
    if ('problem' in expanded) {
      const key = step > 0 && to < from ? 'to' : 'step';
      findings.error({ path: at(key), value: raw[key], rule: expanded.problem, valid: 'a step > 0 with from <= to' });
      return undefined;
    }
    values = expanded.values;
  }
  const kind = axisKind(raw.parameter);
  const bad = values.find((v) => !(v > 0));
  if (kind === 'load' && bad !== undefined) {
    findings.error({ path: at(raw.values === undefined ? 'from' : 'values'), value: bad, rule: 'an offered load must be above 0', valid: 'numbers > 0' });
    return undefined;
  }
  return { parameter: raw.parameter, kind, values };
}

/** Undefined when the block is absent; null when it has a problem (reported); else its axes. */
export function resolveSweep(raw: unknown, findings: Findings): SweepAxisSpec[] | undefined | null {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) return null;
  const axes = raw.map((axis, i) => resolveAxis(axis, i, findings));
  if (axes.some((axis) => axis === undefined)) return null;
  const resolved = axes as SweepAxisSpec[];
  const problem = gridProblem(resolved);
  if (problem !== undefined) {
    findings.error({ path: ['sweep'], rule: problem, valid: 'distinct parameters, at most 1000 points in all' });
    return null;
  }
  return resolved;
}
