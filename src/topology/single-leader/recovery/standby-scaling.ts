import type { RandomStreams } from '../../../engine/rng.js';
import type { Simulator } from '../../../engine/simulator.js';
import type { ScalingSpec } from '../../../model/spec.js';
import { installScalingController } from '../../../scaling/registry.js';
import type { ScalingControl } from '../../../scaling/scaling-control.js';
import type { NodeCount } from './node-hours.js';
import type { StandbyServers } from './standby-servers.js';

type NodeState = 'provisioning' | 'up' | 'removed';

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
  private readonly states: NodeState[] = [];
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
    for (let i = 0; i < spec.min; i++) this.states.push('up');
    this.changed();
    const control: ScalingControl = {
      now: () => sim.now,
      schedule: (time, action) => sim.schedule(time, action),
      stream: (name) => streams.stream(`recovery/autoscaler/${name}`),
      members: () => this.members(),
      isReady: (node) => this.states[node] === 'up',
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
    return this.states.filter((state) => state === 'up').length;
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
    this.states.forEach((state, node) => {
      if (state === 'up') ready.push(node);
      else if (state === 'provisioning') unready.push(node);
    });
    return { ready, unready };
  }

  private add(provisioning: number): number {
    const node = this.states.length;
    this.states.push('provisioning');
    this.changed();
    this.sim.schedule(this.sim.now + provisioning, () => {
      if (this.states[node] !== 'provisioning') return;
      this.states[node] = 'up';
      this.changed();
    });
    return node;
  }

  private remove(node: number): void {
    this.states[node] = 'removed';
    this.changed();
  }

  /** The count changed: the cores serving, the per-node divisor and the nodes billed follow. */
  private changed(): void {
    const ready = this.ready;
    this.servers.setNodes(ready);
    this.servers.resize(ready * this.coresPerNode);
    this.running.set(this.sim.now, this.states.filter((state) => state !== 'removed').length);
  }
}
