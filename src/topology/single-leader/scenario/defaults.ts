/** `decisionWork` in seconds: the work of one scheduling decision at speed 1. */
export const DEFAULT_DECISION_WORK = 0.001;

/**
 * The single-leader topology's defaults, once, as a user would write them: the schema shows them to editors, the
 * resolver applies them (and the scheduler falls back on DEFAULT_DECISION_WORK for a spec built by hand).
 */
export const SINGLE_LEADER_DEFAULTS = {
  replication: 'quorum',
  reads: 'leader',
  heartbeat: '50ms',
  electionTimeout: ['150ms', '300ms'],
  decisionWork: `${DEFAULT_DECISION_WORK * 1e3}ms`,
} as const;
