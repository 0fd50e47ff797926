import { estimate, type Estimate, type FigureRange } from './confidence.js';

/**
 * One figure's value in each replication, in replication order: what its confidence interval needs (one number per
 * replication, 8 bytes each), and nothing more of the replication. A replication without a sample of the figure
 * (no request finished, no crash, ...) has no value: it is left out of the estimate, never read as 0.
 */
export class ReplicationColumn {
  /** NaN marks a replication without a value. */
  private values = new Float64Array(8);
  private length = 0;
  private present = 0;

  push(value: number | null): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const missing = value === null || Number.isNaN(value);
    this.values[this.length++] = missing ? NaN : value;
    if (!missing) this.present++;
  }

  /** Replications pushed so far. */
  get replications(): number {
    return this.length;
  }

  /** Replications that had a value. */
  get withValue(): number {
    return this.present;
  }

  /** The mean over the replications that had a value, with its 95 % CI; null-valued when none had one. */
  estimate(range?: FigureRange): Estimate {
    const present = new Float64Array(this.present);
    let next = 0;
    for (let i = 0; i < this.length; i++) if (!Number.isNaN(this.values[i])) present[next++] = this.values[i];
    return estimate(present, range);
  }

  /** Replication r's value, or null when it had none. */
  valuesByReplication(): (number | null)[] {
    return Array.from(this.values.subarray(0, this.length), (v) => (Number.isNaN(v) ? null : v));
  }
}

/** One column per named figure, declared as one list: `columns.p99.push(x)`. */
export function replicationColumns<Name extends string>(...names: Name[]): Record<Name, ReplicationColumn> {
  return Object.fromEntries(names.map((name) => [name, new ReplicationColumn()])) as Record<Name, ReplicationColumn>;
}
