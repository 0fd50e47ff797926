import type { TSchema } from '@sinclair/typebox';
import type { RandomStreams } from '../../../../engine/rng.js';
import type { Simulator } from '../../../../engine/simulator.js';
import type { ScalingSpec, TierSpec } from '../../../../model/spec.js';
import type { Findings } from '../../../../scenario/issues.js';
import type { FieldPath } from '../../../../scenario/paths.js';
import type { LogShipping, ShippingLoss } from '../log-shipping.js';

/** What a tier's runtime is built from: the standby's shipping stream over the region link and its full size. */
export interface TierContext {
  sim: Simulator;
  streams: RandomStreams;
  shipping: LogShipping;
  /** Nodes of the standby at its full size (`standby.nodes`). */
  fullNodes: number;
}

/**
 * One tier at run time: how the primary's writes reach the standby, what the standby lacks when the primary is
 * lost, and the nodes it runs (cost) and serves with. The failover procedure is the same for every tier.
 */
export interface TierRuntime {
  /** The primary acknowledged a write of `bytes` at `now` (before any outage). */
  acknowledged(now: number, bytes: number): void;
  /** The primary was lost at `at`: what the standby lacks of what was acknowledged (RPO). */
  cut(at: number): ShippingLoss;
  /**
   * The failback is over: the standby holds every write (the switch waited for the catch-up) and is a standby again;
   * the writes the primary acknowledges from now on reach it as before the cut. Absent: nothing to restart.
   */
  resume?(): void;
  /** Nodes running in the standby region before the promotion. */
  readonly idleNodes: number;
  /** Nodes running from the promotion on (started by it: provisioned, restored into), serving from the redirection. */
  readonly promotedNodes: number;
  /** Drawn once: from the end of the promotion to the standby being ready to serve (a restore, a provisioning). */
  preparation(): number;
  /** Drawn once: from the redirection to the full size serving (null: it serves at its full size already, or scales by `autoscaler`). */
  scaleUp(): number | null;
  /** The controller that sizes the standby's nodes from the start, between its idle nodes and the full size; absent: none. */
  readonly autoscaler?: ScalingSpec;
}

/** A tier: its scenario keys (`standby.tier: { kind, ... }`), its resolver and its runtime. */
export interface TierDefinition<S extends TierSpec = TierSpec> {
  kind: S['kind'];
  /** The closed mapping `{ kind: <this kind>, ...parameters }`. */
  schema: TSchema;
  /** The mapping written (schema-checked) into its spec, seconds; undefined when a value is invalid (reported). */
  resolve(raw: Record<string, unknown>, path: FieldPath, findings: Findings): S | undefined;
  create(spec: S, context: TierContext): TierRuntime;
}
