import type { QuorumTest } from './quorum-availability.js';
import type { QuorumLevel } from './spec.js';

/** The consistency levels counted per region (Cassandra's LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM). */
export type RegionLevel = 'local_one' | 'local_quorum' | 'each_quorum';
export const REGION_LEVELS: readonly RegionLevel[] = ['local_one', 'local_quorum', 'each_quorum'];

export function isRegionLevel(level: QuorumLevel): level is RegionLevel {
  return typeof level === 'string' && (REGION_LEVELS as readonly string[]).includes(level);
}

const majority = (replicas: number): number => Math.floor(replicas / 2) + 1;

/**
 * How a region level counts acknowledgements, with `quotas[r]` replicas in region r (Cassandra's consistency levels,
 * "How is the consistency level configured?", DataStax docs,
 * https://docs.datastax.com/en/cassandra-oss/2.2/cassandra/dml/dmlConfigConsistency.html): LOCAL_ONE one replica of the coordinator's region, LOCAL_QUORUM a majority
 * floor(n_local / 2) + 1 of them, EACH_QUORUM a majority in every region. Answers that do not count are not passed to
 * the request's k-of-n wait, so the wait's k and n are over the answers that do.
 */
export class RegionCount {
  constructor(
    private readonly level: RegionLevel,
    private readonly quotas: readonly number[],
  ) {}

  /** The k-of-n wait of a request whose coordinator (client) is in region `local`. */
  wait(local: number): { k: number; n: number } {
    if (this.level === 'each_quorum') {
      return { k: this.quotas.reduce((sum, q) => sum + majority(q), 0), n: this.quotas.reduce((sum, q) => sum + q, 0) };
    }
    const n = this.quotas[local];
    return { k: this.level === 'local_one' ? 1 : majority(n), n };
  }

  /**
   * Whether the wait can still be met with `live[r]` replicas of region r up as far as the coordinator knows. A
   * coordinator that knows too few replicas alive refuses at once instead of waiting for its timeout: Cassandra's
   * UnavailableException, thrown "when the coordinator knows there is not enough replica alive to perform a query
   * with the requested consistency level", before it sends anything (DataStax C# driver, UnavailableException,
   * https://docs.datastax.com/en/drivers/csharp/3.3/html/T_Cassandra_UnavailableException.htm).
   */
  possible(local: number, live: ArrayLike<number>): boolean {
    if (this.level !== 'each_quorum') return live[local] >= this.wait(local).k;
    return this.quotas.every((quota, region) => live[region] >= majority(quota));
  }

  /** Whether the level counts one region (the coordinator's: LOCAL_ONE, LOCAL_QUORUM) rather than every one. */
  get local(): boolean {
    return this.level !== 'each_quorum';
  }

  /**
   * Its quorum tests for time-based availability (quorum-availability.ts), on a key's healthy replicas per region:
   * a LOCAL level one per region (the quorum of that region's coordinators), EACH_QUORUM one (every region's).
   */
  quorumTests(): QuorumTest[] {
    const locals = this.local ? this.quotas.map((_, region) => region) : [0];
    return locals.map((local) => (_up: number, byRegion: Int32Array) => this.possible(local, byRegion));
  }

  /**
   * Whether an answer from a replica in region `region` goes to the wait of a request local to `local`; `yesSoFar`:
   * the yeses of that region the request has counted. A local level counts its own region only; EACH_QUORUM counts a
   * region's yeses up to its majority (more do not make up for another region's missing ones) and every no.
   */
  counts(region: number, local: number, yes: boolean, yesSoFar: number): boolean {
    if (this.level !== 'each_quorum') return region === local;
    return !yes || yesSoFar < majority(this.quotas[region]);
  }
}

/** The number of acknowledgements a region level stands for in the report's W and R: N's regions alike, region 0's. */
export function regionLevelSize(level: RegionLevel, quotas: readonly number[]): number {
  return new RegionCount(level, quotas).wait(0).k;
}

/**
 * What a region level asks of region `region`'s replicas: a LOCAL level's count when the coordinator is there,
 * EACH_QUORUM's majority there (one part of its wait).
 */
export function regionLevelPart(level: RegionLevel, quotas: readonly number[], region: number): number {
  return level === 'each_quorum' ? majority(quotas[region]) : new RegionCount(level, quotas).wait(region).k;
}
