import { Type } from '@sinclair/typebox';
import { createSampler } from '../../../../engine/distributions/index.js';
import type { DistSpec } from '../../../../engine/distributions/spec.js';
import { resolveDistribution } from '../../../../scenario/resolve-distribution.js';
import { readQuantity } from '../../../../scenario/resolve-values.js';
import { Distribution } from '../../../../scenario/schema-distributions.js';
import { Closed, Quantity } from '../../../../scenario/schema-parts.js';
import type { TierDefinition } from './tier.js';

type BackupRestore = { kind: 'backup-restore'; every: number; restore: DistSpec };

/**
 * Backup and restore: a snapshot every `every` (the first at a uniform phase of the cycle, stream
 * `recovery/snapshots`, so an outage falls anywhere in it) holds the writes acknowledged since the one before
 * (incremental, as EBS snapshots are: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html); its bytes
 * cross the region link as one transfer behind whatever is on it. No node runs in the standby region; after the
 * promotion the full size is restored from the newest snapshot there (a drawn time, stream `recovery/restore`).
 * RPO: every write since the newest snapshot that had reached the standby; with Poisson writes at rate lambda and an
 * outage at a uniform phase, lambda x (every / 2 + the snapshot's shipping time) on average.
 */
export const backupRestore: TierDefinition<BackupRestore> = {
  kind: 'backup-restore',
  schema: Closed(
    {
      kind: Type.Literal('backup-restore', { description: 'Periodic snapshots shipped to the standby region; a restore after the promotion.' }),
      every: Quantity('duration', { description: 'Time between two snapshots; > 0.' }),
      restore: Distribution('duration', 'From the end of the promotion to the restored nodes serving.'),
    },
    { description: 'Backup and restore: snapshots every `every`, restored into new nodes after the failover.' },
  ),
  resolve(raw, path, findings) {
    const every = readQuantity(raw.every, [...path, 'every'], 'duration', findings, { min: 0, exclusive: true });
    const restore = resolveDistribution(raw.restore, [...path, 'restore'], 'duration', findings);
    if (every === undefined || restore === undefined) return undefined;
    return { kind: 'backup-restore', every, restore };
  },
  create(spec, { sim, shipping, fullNodes, streams }) {
    const restore = createSampler(spec.restore, streams.stream('recovery/restore'));
    // The writes acknowledged since the last snapshot: their ack times (for their lag) and bytes. Memory: one
    // snapshot period's writes, which the model sets.
    let pending: number[] = [];
    let pendingBytes = 0;
    let stopped = false;
    // Whether a snapshot event is pending (a stopped cycle ends at its next snapshot, which it skips).
    let scheduled = true;
    const snapshotKind = sim.register(() => {
      if (stopped) {
        scheduled = false;
        return;
      }
      if (pending.length > 0) shipping.shipBatch(sim.now, pendingBytes, pending);
      pending = [];
      pendingBytes = 0;
      sim.at(sim.now + spec.every, snapshotKind, 0);
    });
    const first = streams.stream('recovery/snapshots')() * spec.every;
    sim.at(first, snapshotKind, 0);
    return {
      acknowledged(now, bytes) {
        pending.push(now);
        pendingBytes += bytes;
      },
      cut(at) {
        stopped = true;
        const loss = shipping.cut(at);
        if (pending.length === 0) return loss;
        const newestLost = pending[pending.length - 1];
        return { writesLost: loss.writesLost + pending.length, newestLost, newestKept: loss.newestKept };
      },
      resume() {
        // The snapshots go on on their cycle: from a snapshot of what the failback brought back, nothing pending.
        stopped = false;
        pending = [];
        pendingBytes = 0;
        if (scheduled) return;
        scheduled = true;
        sim.at(first + (Math.floor((sim.now - first) / spec.every) + 1) * spec.every, snapshotKind, 0);
      },
      idleNodes: 0,
      promotedNodes: fullNodes,
      preparation: restore,
      scaleUp: () => null,
    };
  },
};
