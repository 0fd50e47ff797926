import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { seconds } from './wording.js';

/** A timeout that must be longer than a heartbeat (failure detection, Raft's election timeout). */
export interface TimeoutAboveHeartbeat {
  heartbeat: number;
  timeout: number;
  heartbeatAt: { path: FieldPath; written: unknown };
  timeoutAt: { path: FieldPath; written: unknown };
  /** How the timeout is named in a sentence: 'the detection timeout'. */
  timeoutName: string;
  /** The key as a user writes it, and with its article: 'timeout' and 'a timeout'. */
  timeoutKey: string;
  aTimeoutKey: string;
  /** The usual timeout in heartbeats: [3, 5]. */
  typicalHeartbeats: readonly [number, number];
  /** What would go wrong, said after the rule. */
  consequence: string;
}

/**
 * Reports a timeout not longer than its heartbeat at what the user wrote: the timeout when given, else the heartbeat
 * (the timeout being the default).
 */
export function reportTimeoutNotAboveHeartbeat(rule: TimeoutAboveHeartbeat, findings: Findings): void {
  const [low, high] = rule.typicalHeartbeats;
  if (rule.timeoutAt.written !== undefined) {
    findings.error({
      path: rule.timeoutAt.path,
      value: rule.timeoutAt.written,
      rule: `must be longer than the heartbeat interval (${seconds(rule.heartbeat)}): ${rule.consequence}`,
      valid: `a duration > heartbeat, typically ${low} to ${high} heartbeats (${seconds(low * rule.heartbeat)} to ${seconds(high * rule.heartbeat)})`,
    });
  } else {
    findings.error({
      path: rule.heartbeatAt.path,
      value: rule.heartbeatAt.written,
      rule: `must be shorter than ${rule.timeoutName} (${seconds(rule.timeout)}, the default): ${rule.consequence}`,
      valid: `a duration < ${rule.timeoutKey}, or ${rule.aTimeoutKey} of ${low} to ${high} heartbeats`,
    });
  }
}
