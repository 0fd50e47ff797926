import type { TSchema } from '@sinclair/typebox';
import type { ScenarioSpec, TopologySpec } from '../model/spec.js';
import type { Findings } from '../scenario/issues.js';
import type { ClusterRuntime } from './runtime/cluster-runtime.js';
import type { AnySectionDefinition } from './section.js';
import type { Topology } from './topology.js';

/**
 * A kind of cluster, complete: how `topology: { kind: ... }` is written (its schema fragment), read (its resolver,
 * which applies its defaults), checked against the rest of the file (its warnings), and run (`create`, on the
 * runtime every topology shares). The registry (registry.ts) lists them; nothing outside a topology's folder asks
 * which kind it is dealing with.
 */
export interface TopologyDefinition<Spec extends TopologySpec = TopologySpec> {
  /** The value of `topology.kind`. */
  readonly kind: string;
  readonly description: string;
  /** The `topology:` mapping of this kind, as a closed TypeBox object with `kind` as a literal. */
  readonly schema: TSchema;
  /**
   * The written `topology:` mapping (already checked against `schema`) into the resolved spec, defaults applied.
   * `{}` when the kind needs no spec of its own (the direct topology); undefined when anything is invalid (reported
   * into `findings` with its path, except what the schema check already reported).
   */
  resolve(raw: Record<string, unknown>, findings: Findings): { topology?: Spec } | undefined;
  /**
   * Warnings that tie the topology to the rest of the raw file: keys it ignores (a balancer setting it does not use).
   * Runs only when `resolve` succeeded.
   */
  checkFit?(raw: Record<string, unknown>, topology: Spec | undefined, findings: Findings): void;
  /**
   * Scenario warnings of its own, on the resolved scenario: above all the load it puts on particular nodes (a leader
   * that serves every write saturates before the cluster does).
   */
  warnings?(spec: ScenarioSpec, topology: Spec | undefined, findings: Findings): void;
  /**
   * Which balancer settings the topology reads: `policy` when the policy chooses each request's node, `info` when
   * dispatchers see queue lengths as `balancer.info` says. Warnings about what a policy reads depend on it.
   */
  balancerUse(topology: Spec | undefined): { policy: boolean; info: boolean };
  /**
   * Its report sections, in report order: each folds the data the topology hands out under the section's id, and
   * contributes nothing (no summary key, no result) to a run whose replications handed out none.
   */
  readonly sections: readonly AnySectionDefinition[];
  /**
   * Failure causes beyond the common ones (metrics/failure-causes.ts) that this topology produces: its summaries
   * list them even at 0, other topologies' summaries only when counted.
   */
  readonly failureCauses?: readonly string[];
  /**
   * Events per arrival, typical of the upper end, measured on example scenarios (the run's `events` over rate x
   * simulated time), for the run-size estimate before a run; `name` is how the estimate names the topology.
   */
  eventsPerRequest(topology: Spec | undefined): { name: string; eventsPerRequest: number };
  /**
   * Whether the topology follows a node set that grows and shrinks during a run (timeline `add` and `remove`
   * steps): it subscribes to the runtime's node set and has `removeNode`. Absent: such steps are a validation error.
   */
  readonly membershipChanges?: boolean;
  /**
   * Regions the topology reaches beyond its nodes' (a standby region the store ships its log to): their paths from the
   * nodes count as used, so network.crossRegion and its link are not warned about as unused. Absent: none.
   */
  regionsBeyondNodes?(topology: Spec | undefined): readonly string[];
  /**
   * Whether it reads the clients' region of a class (`workload[].region`: clients reach the nodes of their region
   * where they can, others at the cross-region latency). Absent or false: the key is warned about as having no effect.
   */
  clientRegions?(topology: Spec | undefined): boolean;
  /** Builds one replication's cluster on the shared runtime. */
  create(runtime: ClusterRuntime, topology: Spec | undefined): Topology;
}

/** Any definition, whatever its spec type: what the registry holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTopologyDefinition = TopologyDefinition<any>;
