import { RandomStreams } from '../engine/rng.js';

/** The streams of replication r: independent of every other replication, fixed by the root seed. */
export function replicationStreams(seed: string, replication: number): RandomStreams {
  return new RandomStreams(seed).child(`replication-${replication}`);
}
