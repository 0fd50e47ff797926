import type { RandomStreams } from '../../../engine/rng.js';
import type { Simulator } from '../../../engine/simulator.js';
import type { ScalingSpec } from '../../../model/spec.js';
import { installScalingController } from '../../../scaling/registry.js';
import type { ScalingControl } from '../../../scaling/scaling-control.js';
import type { NodeCount } from './node-hours.js';
import type { StandbyServers } from './standby-servers.js';

type NodeState = 'provisioning' | 'up';

/**
 * A warm standby sized by an autoscaler (issue 14: "scaled-down standby that scales up after promotion: uses the
 * autoscaler if present"): the controller of `standby.tier.autoscaler` (any of src/scaling/ but scale-to-zero, with
 * min the tier's `nodes` and max the standby's full size) acts on the standby region's nodes through a
 * `ScalingControl` of their own, as `experiment/install-scaling.ts` builds one over the cluster's node set. It runs
 * from the start: while the standby only receives the log its nodes are idle and it holds them at min; once the
 * clients are redirected the load arrives and it scales them up with its provisioning delay, and down again after a
 * failback. A node costs from its request (node-hours) and serves once provisioned; the nodes share the standby's
 * one FIFO pool of cores, so every node's metric is the pool's per node (`StandbyServers.areas`). A removed node
 * leaves at once: the requests in service on its cores finish, none starts on them.
 */
export class StandbyScaling {
  /** The nodes that exist (provisioning or up), by id; a removed node's entry goes, so memory is the live nodes'. */
  private readonly states = new Map<number, NodeState>();
  private nextId = 0;
  private readonly statisticsListeners: (() => void)[] = [];
  private readonly replyListeners = new Set<(response: number) => void>();
  private arrivalCount = 0;
  /** Decisions that changed the size, in each direction (the report's count of scaling actions). */
  readonly actions = { up: 0, down: 0 };

  constructor(
    private readonly sim: Simulator,
    spec: ScalingSpec,
    streams: RandomStreams,
    private readonly servers: StandbyServers,
    private readonly coresPerNode: number,
    private readonly running: NodeCount,
  ) {
    for (let i = 0; i < spec.min; i++) this.states.set(this.nextId++, 'up');
    this.changed();
    const control: ScalingControl = {
      now: () => sim.now,
      schedule: (time, action) => sim.schedule(time, action),
      stream: (name) => streams.stream(`recovery/autoscaler/${name}`),
      members: () => this.members(),
      isReady: (node) => this.states.get(node) === 'up',
      areas: () => ({ ...this.servers.areas(), cores: this.coresPerNode }),
      onStatisticsReset: (listener) => this.statisticsListeners.push(listener),
      addNode: (_group, provisioning) => this.add(provisioning),
      removeNode: (node) => this.remove(node),
      recordAction: (direction) => this.actions[direction]++,
      recordColdStart: () => {},
      onRequestWaiting: () => {},
      onNodeIdle: () => {},
      holdsNothing: () => false,
      arrivals: () => this.arrivalCount,
      onReply: (listener) => {
        this.replyListeners.add(listener);
        return () => this.replyListeners.delete(listener);
      },
    };
    installScalingController(spec, control, 0);
  }

  /** Nodes serving now. */
  get ready(): number {
    let ready = 0;
    for (const state of this.states.values()) if (state === 'up') ready++;
    return ready;
  }

  /** A request reached the standby (the `rate` metric). */
  arrived(): void {
    this.arrivalCount++;
  }

  /** A reply the standby served reached its client after `response` seconds (the `p99` metric). */
  replied(response: number): void {
    this.replyListeners.forEach((listener) => listener(response));
  }

  /** The measurement window begins: the controller's readings restart, as they do on a node's station. */
  statisticsReset(): void {
    this.servers.restartAreas();
    this.statisticsListeners.forEach((listener) => listener());
  }

  private members(): { ready: number[]; unready: number[] } {
    const ready: number[] = [];
    const unready: number[] = [];
    // Map order is insertion order, which is id order: the controllers remove the newest first.
    for (const [node, state] of this.states) (state === 'up' ? ready : unready).push(node);
    return { ready, unready };
  }

  private add(provisioning: number): number {
    const node = this.nextId++;
    this.states.set(node, 'provisioning');
    this.changed();
    this.sim.schedule(this.sim.now + provisioning, () => {
      if (this.states.get(node) !== 'provisioning') return; // removed before it was ready
      this.states.set(node, 'up');
      this.changed();
    });
    return node;
  }

  private remove(node: number): void {
    this.states.delete(node);
    this.changed();
  }

  /** The count changed: the cores serving, the per-node divisor and the nodes billed follow. */
  private changed(): void {
    const ready = this.ready;
    this.servers.setNodes(ready);
    this.servers.resize(ready * this.coresPerNode);
    this.running.set(this.sim.now, this.states.size);
  }
}
