import type { RandomStreams } from '../../engine/rng.js';
import { Simulator } from '../../engine/simulator.js';
import type { DelayModel } from './config.js';
import type { ElectionRecord } from './election-log.js';
import { RaftCluster } from './raft-cluster.js';

export interface FailoverTrialOptions {
  servers: number;
  heartbeat: number;
  electionTimeout: readonly [number, number];
  delay: DelayModel;
  /**
   * When the leader crashes, as a point of its heartbeat interval: `phase` seconds (0 <= phase < heartbeat) after
   * it sent a heartbeat. Omitted: the leader crashes at time 0, just after the bootstrap heartbeat reached every
   * follower with no delay, so that every follower's timer started together at 0.
   */
  phase?: number;
  /** Give up this long after the crash (default 60 s): the outcome then has no new leader. */
  limit?: number;
}

export interface FailoverOutcome {
  crashAt: number;
  /** The election that followed the crash (open when the trial hit its limit). */
  election: ElectionRecord;
  /** Whether a new leader was elected within the limit. */
  elected: boolean;
  /** Time from the crash to the new leader (Infinity when none within the limit). */
  downtime: number;
  events: number;
}

/**
 * One failover: a cluster with leader 0 in office (term 1, equal empty logs), the leader crashes, the followers
 * elect a new one. The trial stops as soon as the cluster has a leader again. With `phase`, the leader crashes at
 * heartbeat + phase, `phase` after it sent its second heartbeat.
 */
export function runFailoverTrial(options: FailoverTrialOptions, streams: RandomStreams): FailoverOutcome {
  const sim = new Simulator();
  const cluster = new RaftCluster(
    sim,
    { servers: options.servers, heartbeat: options.heartbeat, electionTimeout: options.electionTimeout, delay: options.delay, recordVotes: false },
    streams,
  );
  // With a phase, the leader's heartbeats go at 0, heartbeat, 2 heartbeat, ...: every gap between two heartbeats a
  // follower hears is one interval, as in steady state (the bootstrap heartbeat, heard at 0, is followed by the one
  // sent at 0 and heard at d).
  cluster.bootstrap(0, 1, options.phase === undefined ? options.heartbeat : 0);
  const crashAt = options.phase === undefined ? 0 : options.heartbeat + options.phase;
  if (crashAt === 0) cluster.crash(0);
  else sim.schedule(crashAt, () => cluster.crash(0));
  cluster.listeners.onLeadershipChange = (change) => {
    if (change.leader !== -1 && change.time >= crashAt) sim.stop();
  };
  sim.run({ until: crashAt + (options.limit ?? 60) });
  const records = cluster.elections.records;
  const election = records[records.length - 1];
  const elected = !Number.isNaN(election.end);
  return { crashAt, election, elected, downtime: elected ? election.end - crashAt : Infinity, events: sim.events };
}
