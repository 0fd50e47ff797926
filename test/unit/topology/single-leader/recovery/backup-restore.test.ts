/**
 * The backup-and-restore tier (issue 14, tiers): snapshots every `every` shipped over the region link; the writes
 * lost in an outage are those since the newest snapshot that had reached the standby.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../../../src/engine/rng.js';
import { Simulator } from '../../../../../src/engine/simulator.js';
import { LogShipping } from '../../../../../src/topology/single-leader/recovery/log-shipping.js';
import { backupRestore } from '../../../../../src/topology/single-leader/recovery/tiers/backup-restore.js';

const RESTORE = { dist: 'constant', value: 600 } as const;

/** Poisson writes at `lambda` from 0 to the outage at `outage`; returns the cut there. */
function trial(seed: string, lambda: number, every: number, shipping: LogShipping, outage: number, bytes = 1000) {
  const sim = new Simulator();
  const streams = new RandomStreams(seed);
  const tier = backupRestore.create({ kind: 'backup-restore', every, restore: RESTORE }, { sim, streams, shipping, fullNodes: 3 });
  const gaps = streams.stream('test/gaps');
  const writeKind = sim.register(() => {
    tier.acknowledged(sim.now, bytes);
    sim.at(sim.now - Math.log(1 - gaps()) / lambda, writeKind, 0);
  });
  sim.at(-Math.log(1 - gaps()) / lambda, writeKind, 0);
  sim.run({ until: outage });
  return tier.cut(outage);
}

describe('backup and restore', () => {
  it('a snapshot crosses the link as one transfer of the bytes written since the one before', () => {
    // Ten 1 MB writes before the first snapshot (taken at a drawn phase of the 2 s cycle); a 1 MB/s link and 0.5 s
    // latency: the snapshot holds the ten writes and reaches the standby 10 + 0.5 s after it is taken.
    const phase = new RandomStreams('snapshot-bytes').stream('recovery/snapshots')() * 2;
    const arrival = phase + 10.5;
    const cutAt = (at: number) => {
      const sim = new Simulator();
      const tier = backupRestore.create(
        { kind: 'backup-restore', every: 2, restore: RESTORE },
        { sim, streams: new RandomStreams('snapshot-bytes'), shipping: new LogShipping(1e6, () => 0.5), fullNodes: 3 },
      );
      const kind = sim.register(() => tier.acknowledged(sim.now, 1e6));
      for (let k = 1; k <= 10; k++) sim.at((phase * k) / 11, kind, 0);
      sim.run({ until: at });
      return tier.cut(at);
    };
    expect(cutAt(arrival - 1e-6)).toEqual({ writesLost: 10, newestLost: (phase * 10) / 11, newestKept: NaN });
    expect(cutAt(arrival + 1e-6)).toEqual({ writesLost: 0, newestLost: NaN, newestKept: (phase * 10) / 11 });
  });

  /**
   * Poisson writes at rate lambda, snapshots every e from a uniform phase, each reaching the standby a constant L < e
   * after it is taken; the outage at a fixed time, so u, the time since the last snapshot, is uniform on [0, e). The
   * writes lost are those of the last u, or of the last u + e if the last snapshot was still on its way (u < L):
   * E[lost] = lambda (e / 2 + L) exactly, and Var[lost] = lambda^2 Var[X] + lambda E[X] with X = u + e 1{u < L},
   * Var[X] = e^2 / 12. Tolerance: 4 standard errors of the mean over the trials (the reference rule,
   * /work/shared/reference/README.md: sized by the run length); a false failure has odds of about 1 in 15 000.
   */
  it('writes lost per outage average lambda (every / 2 + shipping time), outage at a uniform phase', () => {
    const lambda = 20;
    const every = 10;
    const latency = 1;
    const trials = 2000;
    let sum = 0;
    for (let k = 0; k < trials; k++) {
      sum += trial(`backup-${k}`, lambda, every, new LogShipping(Infinity, () => latency), 3 * every + 1).writesLost;
    }
    const mean = lambda * (every / 2 + latency);
    const variance = lambda ** 2 * (every ** 2 / 12) + mean;
    expect(Math.abs(sum / trials - mean)).toBeLessThan(4 * Math.sqrt(variance / trials));
  });
});
