import type { ScenarioResult } from '../../experiment/result.js';
import { formatDuration } from '../format.js';

/** The scenario's response-time objectives (slo.p99, slo.mean), as rules to draw on a response-time axis. */
export function sloResponseRules(result: ScenarioResult): { value: number; label: string }[] {
  const slo = result.spec.reliability?.slo;
  if (slo === undefined) return [];
  const rules: { value: number; label: string }[] = [];
  if (slo.p99 !== undefined && Number.isFinite(slo.p99)) rules.push({ value: slo.p99, label: `SLO p99 ${formatDuration(slo.p99)}` });
  if (slo.mean !== undefined && Number.isFinite(slo.mean)) rules.push({ value: slo.mean, label: `SLO mean ${formatDuration(slo.mean)}` });
  return rules;
}
