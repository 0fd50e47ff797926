import { DEFAULT_SNAPSHOT_THRESHOLD } from '../config.js';

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
  snapshotThreshold: DEFAULT_SNAPSHOT_THRESHOLD,
} as const;

/** The largest `topology.snapshotThreshold`: 12 bytes per entry on every server at most, 600 MB for five servers. */
export const MAX_SNAPSHOT_THRESHOLD = 10_000_000;
