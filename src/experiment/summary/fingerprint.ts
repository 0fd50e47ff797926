import { createHash, type Hash } from 'node:crypto';
import { commonCauseCount } from '../../metrics/failure-causes.js';
import { anySectionDefinition } from '../feature-sections.js';
import type { ReplicationOutcome } from '../replication.js';

/**
 * A hash of every replication's raw results, fed one replication at a time in replication order: equal
 * fingerprints mean equal runs, and no outcome has to be kept until the end.
 */
export class FingerprintHash {
  private readonly hash: Hash = createHash('sha256');

  add(o: ReplicationOutcome): void {
    const hash = this.hash;
    const m = o.measurement;
    // Causes past the common ones enter the hash up to the last one counted, so that runs that count none (or none of
    // the causes added later) keep their fingerprints.
    const extra = m.failedByCause.subarray(commonCauseCount);
    let extraCounted = extra.length;
    while (extraCounted > 0 && extra[extraCounted - 1] === 0) extraCounted--;
    const causes = m.failedByCause.subarray(0, commonCauseCount).join(',') + (extraCounted > 0 ? `,${extra.subarray(0, extraCounted).join(',')}` : '');
    hash.update(`${o.index}|${o.events}|${o.warmupEnd}|${o.measuredTime}|${m.arrived}|${m.completed}|${causes}|${o.inFlight}\n`);
    for (const c of m.classes) hash.update(`${c.response.digest()}|${c.wait.digest()}|${c.waited}\n`);
    const n = o.nodes;
    for (let i = 0; i < n.completed.length; i++) {
      hash.update(`${n.completed[i]},${n.busyArea[i]},${n.waitingArea[i]},${n.storageUsed[i]},${n.bytesMoved[i]}\n`);
    }
    if (o.reliability) hash.update(JSON.stringify(o.reliability));
    // Every report section's data, in the order the topology handed them out.
    for (const [id, data] of Object.entries(o.sections)) hash.update(anySectionDefinition(id)?.fingerprint?.(data) ?? JSON.stringify(data));
  }

  /** The first 16 hex digits of the hash; call once, after the last replication. */
  digest(): string {
    return this.hash.digest('hex').slice(0, 16);
  }
}

/** The fingerprint of a list of outcomes, in replication order. */
export function fingerprint(outcomes: readonly ReplicationOutcome[]): string {
  const hash = new FingerprintHash();
  for (const o of outcomes) hash.add(o);
  return hash.digest();
}
