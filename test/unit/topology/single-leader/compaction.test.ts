/**
 * Log compaction and InstallSnapshot (Raft section 7) in the cluster: what each server keeps, a follower down while the
 * leader compacted caught up by the snapshot (whose bytes go through the leader's NIC), one down for a short while
 * caught up from the log, and elections that compare logs reduced to a snapshot.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../../src/engine/rng.js';
import { Simulator } from '../../../../src/engine/simulator.js';
import { RaftCluster, type RaftConfig } from '../../../../src/topology/single-leader/index.js';
import { ms } from './helpers.js';

/** Bytes of every entry written here, so that a snapshot of k entries is k x ENTRY bytes. */
const ENTRY = 100;

interface Sent {
  from: number;
  bytes: number;
}

/** Three servers, server 0 leading term 1; every message's bytes recorded as it leaves its sender's NIC. */
function cluster(config: Partial<RaftConfig> = {}): { sim: Simulator; raft: RaftCluster; sent: Sent[] } {
  const sim = new Simulator();
  const sent: Sent[] = [];
  const raft = new RaftCluster(
    sim,
    {
      servers: 3,
      heartbeat: 50 * ms,
      electionTimeout: [150 * ms, 300 * ms],
      delay: { dist: 'constant', value: 1 * ms },
      fifoLinks: true,
      departure: (from, _to, bytes) => {
        sent.push({ from, bytes });
        return sim.now;
      },
      ...config,
    },
    new RandomStreams('compaction'),
  );
  raft.bootstrap(0);
  return { sim, raft, sent };
}

/** `count` writes of ENTRY bytes to the leader of the moment, one every 10 ms from `from`. */
function writeEvery10ms(sim: Simulator, raft: RaftCluster, from: number, count: number): void {
  for (let k = 0; k < count; k++) sim.schedule(from + k * 0.01, () => raft.append(raft.leader, ENTRY));
}

describe('what each server keeps', () => {
  it('with every follower up, the leader keeps what is not yet everywhere; followers keep the threshold', () => {
    const { sim, raft } = cluster({ snapshotThreshold: 50 });
    writeEvery10ms(sim, raft, 0.01, 1000);
    sim.run({ until: 10.5 });
    const [leader, ...followers] = raft.servers;
    expect(leader.log.lastIndex).toBe(1000);
    expect(leader.commitIndex).toBe(1000);
    // Every follower holds all 1000 entries, so the leader holds none of them in full.
    expect(leader.log.snapshotIndex).toBe(1000);
    expect(leader.log.heldEntries).toBe(0);
    for (const f of followers) {
      expect(f.log.lastIndex).toBe(1000);
      expect(f.log.snapshotIndex).toBe(f.commitIndex - 50);
      expect(f.log.heldEntries).toBe(50);
    }
    // The snapshot's size is every compacted entry's bytes; terms survive compaction (one run: term 1).
    expect(leader.log.snapshotBytes).toBe(1000 * ENTRY);
    expect(leader.log.allTerms()).toEqual(new Array(1000).fill(1));
    expect(raft.snapshotsSent).toBe(0);
  });
});

describe('a follower that lags', () => {
  it('down while the leader compacted past it: caught up by one snapshot, whose bytes the leader NIC carries', () => {
    const { sim, raft, sent } = cluster({ snapshotThreshold: 20 });
    writeEvery10ms(sim, raft, 0.01, 300);
    sim.schedule(1.005, () => raft.crash(2)); // after 100 writes
    sim.schedule(3.5, () => raft.restart(2)); // 200 writes later, ten times the threshold
    sim.run({ until: 1.004 });
    const atCrash = raft.servers[2].log.lastIndex;
    expect(atCrash).toBe(100);
    sim.run({ until: 3.499 });
    const leaderLog = raft.servers[0].log;
    // The leader kept 20 committed entries for the dead follower, not all 200.
    expect(leaderLog.snapshotIndex).toBe(300 - 20);
    expect(leaderLog.snapshotIndex).toBeGreaterThan(atCrash);
    // While it was down the leader sent it each new entry (optimistically, as to any follower), never a snapshot.
    expect(raft.snapshotsSent).toBe(0);
    const beforeRestart = sent.length;
    sim.run({ until: 5 });

    // Back, it fails the consistency check; the leader, which no longer holds entries 101 .. 280, sends one snapshot.
    expect(raft.snapshotsSent).toBe(1);
    const follower = raft.servers[2];
    expect(follower.log.lastIndex).toBe(300);
    expect(follower.commitIndex).toBe(300);
    expect(follower.log.allTerms()).toEqual(raft.servers[0].log.allTerms());
    // The snapshot it installed covered entries 1 .. 280: 280 x ENTRY bytes, sent by the leader once after the
    // restart, followed by entries 281 .. 300 in an AppendEntries.
    const snapshotBytes = 280 * ENTRY;
    expect(follower.log.snapshotIndex).toBe(280);
    expect(follower.log.snapshotBytes).toBe(snapshotBytes);
    const afterRestart = sent.slice(beforeRestart).filter((m) => m.from === 0);
    expect(afterRestart.filter((m) => m.bytes === snapshotBytes)).toHaveLength(1);
    expect(afterRestart.some((m) => m.bytes === 20 * ENTRY)).toBe(true);
    expect(raft.snapshotBytesSent).toBe(snapshotBytes);
  });

  it('down for fewer writes than the threshold: caught up from the log, no snapshot', () => {
    const { sim, raft } = cluster({ snapshotThreshold: 500 });
    writeEvery10ms(sim, raft, 0.01, 300);
    sim.schedule(1.005, () => raft.crash(2));
    sim.schedule(3.5, () => raft.restart(2));
    sim.run({ until: 5 });
    expect(raft.snapshotsSent).toBe(0);
    expect(raft.servers[2].log.allTerms()).toEqual(raft.servers[0].log.allTerms());
    expect(raft.servers[2].log.snapshotIndex).toBe(0);
  });

  it('with NIC time: the snapshot holds the leader NIC for its bytes / bandwidth, and the follower waits for it', () => {
    // A NIC of 1 MB/s: the 28 000-byte snapshot takes 28 ms on the wire, the 20 entries after it 2 ms.
    const bandwidth = 1e6;
    let freeAt = 0;
    const sim = new Simulator();
    const installedAt: number[] = [];
    const raft = new RaftCluster(
      sim,
      {
        servers: 3,
        heartbeat: 50 * ms,
        electionTimeout: [150 * ms, 300 * ms],
        delay: { dist: 'constant', value: 1 * ms },
        fifoLinks: true,
        snapshotThreshold: 20,
        departure: (from, _to, bytes) => {
          if (from !== 0) return sim.now;
          const start = Math.max(sim.now, freeAt);
          freeAt = start + bytes / bandwidth;
          if (bytes === 280 * ENTRY) installedAt.push(freeAt + 1 * ms);
          return freeAt;
        },
      },
      new RandomStreams('compaction'),
    );
    raft.bootstrap(0);
    writeEvery10ms(sim, raft, 0.01, 300);
    sim.schedule(1.005, () => raft.crash(2));
    sim.schedule(3.5, () => raft.restart(2));
    sim.run({ until: 3.51 });
    // Sent once the restarted follower answered (at 3.502): it arrives 28 ms + 1 ms after it left.
    expect(installedAt).toHaveLength(1);
    const arrival = installedAt[0];
    sim.run({ until: arrival - 1e-9 });
    // Its own snapshot from before the crash (it had compacted to 100 - 20 = 80, lastIndex 100) until the leader's.
    expect(raft.servers[2].log.snapshotIndex).toBeLessThanOrEqual(80);
    expect(raft.servers[2].log.lastIndex).toBe(100);
    sim.run({ until: arrival + 1e-9 });
    expect(raft.servers[2].log.snapshotIndex).toBe(280);
    sim.run({ until: 5 });
    expect(raft.servers[2].log.lastIndex).toBe(300);
  });
});

describe('a snapshot in chunks', () => {
  /**
   * Three servers whose NICs carry 1 MB/s (one FIFO queue per sender, as `NicQueues`); writes of 1 000 bytes, so the
   * snapshot a follower back from a long crash needs is 280 000 bytes: 280 ms on the leader's NIC, longer than the
   * shortest election timeout (150 ms).
   */
  function slowNics(snapshotChunk: number | undefined) {
    const bandwidth = 1e6;
    const freeAt = [0, 0, 0];
    const sim = new Simulator();
    const raft = new RaftCluster(
      sim,
      {
        servers: 3,
        heartbeat: 50 * ms,
        electionTimeout: [150 * ms, 300 * ms],
        delay: { dist: 'constant', value: 1 * ms },
        fifoLinks: true,
        snapshotThreshold: 20,
        ...(snapshotChunk === undefined ? {} : { snapshotChunk: () => snapshotChunk }),
        departure: (from, _to, bytes) => {
          const start = Math.max(sim.now, freeAt[from]);
          freeAt[from] = start + bytes / bandwidth;
          return freeAt[from];
        },
      },
      new RandomStreams('chunks'),
    );
    raft.bootstrap(0);
    for (let k = 0; k < 300; k++) sim.schedule(0.01 + k * 0.01, () => raft.append(raft.leader, 1000));
    sim.schedule(1.005, () => raft.crash(2));
    sim.schedule(3.5, () => raft.restart(2));
    return { sim, raft };
  }

  it('whole, it holds the leader NIC for 280 ms: the other follower hears no heartbeat and stands for election', () => {
    const { sim, raft } = slowNics(undefined);
    sim.run({ until: 6 });
    expect(raft.snapshotsSent).toBeGreaterThanOrEqual(1);
    expect(raft.term(1)).toBeGreaterThan(1);
  });

  it('in chunks of 25 kB (25 ms each), heartbeats slip in between: no election, and the follower catches up', () => {
    const { sim, raft } = slowNics(25_000);
    sim.run({ until: 6 });
    expect(raft.snapshotsSent).toBe(1);
    // 280 000 bytes in 12 chunks (11 of 25 000, one of 5 000), each sent once.
    expect(raft.snapshotBytesSent).toBe(280_000);
    expect([0, 1, 2].map((i) => raft.term(i))).toEqual([1, 1, 1]);
    expect(raft.elections.records).toEqual([]);
    expect(raft.servers[2].log.snapshotIndex).toBe(280);
    expect(raft.servers[2].log.snapshotBytes).toBe(280_000);
    expect(raft.servers[2].log.allTerms()).toEqual(raft.servers[0].log.allTerms());
  });

  it('a chunk lost with a crash: the transfer starts over when the follower is back, and completes', () => {
    const { sim, raft } = slowNics(25_000);
    sim.schedule(3.6, () => raft.crash(2)); // mid-transfer (it runs from about 3.502 to 3.82)
    sim.schedule(4.5, () => raft.restart(2));
    sim.run({ until: 7 });
    expect(raft.snapshotsSent).toBe(2);
    expect(raft.snapshotBytesSent).toBeGreaterThan(280_000);
    expect(raft.servers[2].log.snapshotIndex).toBe(280);
    expect(raft.servers[2].log.allTerms()).toEqual(raft.servers[0].log.allTerms());
    expect(raft.term(0)).toBe(1);
  });
});

describe('elections over compacted logs', () => {
  it('a follower whose log is only a snapshot compares by (lastIncludedIndex, lastIncludedTerm)', () => {
    const { sim, raft } = cluster({ snapshotThreshold: 0 });
    writeEvery10ms(sim, raft, 0.01, 100);
    sim.run({ until: 1.5 });
    // Threshold 0: every server has compacted all it committed; the logs are snapshots through (100, 1).
    for (const s of raft.servers) {
      expect(s.log.heldEntries).toBe(0);
      expect(s.log.lastIndex).toBe(100);
      expect(s.log.lastTerm).toBe(1);
      expect(s.log.snapshotTerm).toBe(1);
    }
    // The leader crashes; one of the two followers must win term 2 (the other's log is as up to date).
    raft.crash(0);
    sim.run({ until: 2.5 });
    const leader = raft.leader;
    expect([1, 2]).toContain(leader);
    expect(raft.term(leader)).toBe(2);
    // The new leader writes in term 2; the old one, back, is behind on a snapshot-only log and catches up.
    writeEvery10ms(sim, raft, 2.5, 50);
    sim.schedule(3.2, () => raft.restart(0));
    sim.run({ until: 4 });
    expect(raft.safety.violations).toEqual([]);
    const expected = [...new Array<number>(100).fill(1), ...new Array<number>(50).fill(2)];
    for (const s of raft.servers) expect(s.log.allTerms(), `server ${s.id}`).toEqual(expected);
  });

  it('a candidate whose snapshot is older than a voter log is refused; a newer one is granted', () => {
    const { sim, raft } = cluster({ snapshotThreshold: 0, electionTimeout: [10, 20] });
    writeEvery10ms(sim, raft, 0.01, 100);
    sim.schedule(0.505, () => raft.crash(2)); // server 2 stops at 50 entries, all compacted
    sim.run({ until: 1.5 });
    expect(raft.servers[2].log.lastIndex).toBe(50);
    expect(raft.servers[1].log.lastIndex).toBe(100);
    // Server 2 back and standing for election: server 1's log (100, 1) is more up to date than its (50, 1).
    raft.crash(0);
    raft.restart(2);
    raft.forceTimeout(2);
    sim.run({ until: 1.6 });
    expect(raft.role(2)).toBe('candidate');
    expect(raft.servers[1].votedFor).toBe(-1);
    // Server 1 standing: granted by server 2 (50 <= 100, same term).
    raft.forceTimeout(1);
    sim.run({ until: 1.7 });
    expect(raft.role(1)).toBe('leader');
    expect(raft.servers[2].votedFor).toBe(1);
  });
});
