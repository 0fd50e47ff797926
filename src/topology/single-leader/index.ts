/** Raft-style heartbeats, leader election and log replication: the foundation of the single-leader topology. */
export { majorityOf, raftConfigProblems, type DelayModel, type RaftConfig } from './config.js';
export {
  ElectionLog,
  type Candidacy,
  type ElectionCause,
  type ElectionRecord,
  type LeaderElected,
  type LeadershipChange,
} from './election-log.js';
export { commitIndexFor } from './commit-rule.js';
export { RaftCluster, type RaftListeners } from './raft-cluster.js';
export { atLeastAsUpToDate, RaftLog } from './raft-log.js';
export { RaftServer, type Role } from './raft-server.js';
export { doubleVotes, electionSafetyViolations, SafetyMonitor, type VoteRecord } from './safety.js';
export { RaftNetwork } from './network.js';
export { runFailoverTrial, type FailoverOutcome, type FailoverTrialOptions } from './failover-trial.js';
export { SchedulerCluster, DEFAULT_DECISION_WORK, type SchedulerOutcome } from './scheduler.js';
