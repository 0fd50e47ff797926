import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { seconds } from './wording.js';

/** How a timeout that must be longer than a heartbeat is named in its errors. */
export interface TimeoutWording {
  /** In a sentence: 'the detection timeout'. */
  name: string;
  /** The key as a user writes it, and with its article: 'timeout' and 'a timeout'. */
  key: string;
  aKey: string;
  /** The usual timeout in heartbeats: [3, 5]. */
  typicalHeartbeats: readonly [number, number];
  /** What would go wrong, said after the rule. */
  consequence: string;
}

/** A value as written, and where. */
export interface Written {
  path: FieldPath;
  written: unknown;
}

/**
 * Reports a timeout not longer than its heartbeat at what the user wrote: the timeout when given, else the heartbeat
 * (the timeout being the default).
 */
export function reportTimeoutNotAboveHeartbeat(
  wording: TimeoutWording,
  [heartbeat, timeout]: readonly [number, number],
  [heartbeatAt, timeoutAt]: readonly [Written, Written],
  findings: Findings,
): void {
  const [low, high] = wording.typicalHeartbeats;
  if (timeoutAt.written !== undefined) {
    findings.error({
      path: timeoutAt.path,
      value: timeoutAt.written,
      rule: `must be longer than the heartbeat interval (${seconds(heartbeat)}): ${wording.consequence}`,
      valid: `a duration > heartbeat, typically ${low} to ${high} heartbeats (${seconds(low * heartbeat)} to ${seconds(high * heartbeat)})`,
    });
  } else {
    findings.error({
      path: heartbeatAt.path,
      value: heartbeatAt.written,
      rule: `must be shorter than ${wording.name} (${seconds(timeout)}, the default): ${wording.consequence}`,
      valid: `a duration < ${wording.key}, or ${wording.aKey} of ${low} to ${high} heartbeats`,
    });
  }
}
