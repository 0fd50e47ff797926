import type { Uniform } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { grownFloat64, grownInt32, grownUint8 } from '../engine/growable.js';
import { RunningStatistics } from '../metrics/running-statistics.js';

/**
 * The dispatcher's failure detector: every node sends a heartbeat every `heartbeat` seconds (at its own phase), each
 * taking one latency from the node to the dispatcher (which sits with the clients); the dispatcher suspects a node when no heartbeat has arrived for `timeout`, and trusts
 * it again when one arrives (Chen, Toueg and Aguilera's model).
 *
 * A healthy node's heartbeats are not simulated one by one (they would cost nodes / heartbeat events per second and
 * change nothing): when a node falls silent (crash or partition) the suspicion time follows from its last heartbeat
 * sent, and when it is heard again the trust time from its next one. Only a slowed node, whose heartbeats may come
 * too late, beats explicitly. Latency jitter beyond timeout - heartbeat on a healthy node is therefore not modelled.
 */
export class HeartbeatDetector {
  private phase: Float64Array;
  private token: Int32Array;
  private suspectedFlag: Uint8Array;
  private silencedAt: Float64Array;
  private crashed: Uint8Array;
  private slowFactor: Float64Array;
  private lastHeard: Float64Array;
  /** From a crash to its suspicion, over every crash detected since the last reset: constant memory. */
  detectionLatency = new RunningStatistics();
  falseSuspicions = 0;

  constructor(
    private readonly sim: Simulator,
    nodeCount: number,
    private readonly heartbeat: number,
    private readonly timeout: number,
    /** A one-way latency from a node to the dispatcher. */
    private readonly latency: (node: number) => number,
    private readonly phases: Uniform,
    /** Whether the node is running and reachable, so that its heartbeats get through. */
    private readonly isHeard: (node: number) => boolean,
    private readonly onSuspect: (node: number) => void,
    private readonly onTrust: (node: number) => void,
  ) {
    this.phase = Float64Array.from({ length: nodeCount }, () => phases() * heartbeat);
    this.token = new Int32Array(nodeCount);
    this.suspectedFlag = new Uint8Array(nodeCount);
    this.silencedAt = new Float64Array(nodeCount);
    this.crashed = new Uint8Array(nodeCount);
    this.slowFactor = new Float64Array(nodeCount).fill(1);
    this.lastHeard = new Float64Array(nodeCount);
  }

  /**
   * A node added at run time: trusted, heard now, its heartbeat phase drawn from the same stream as the others'
   * (after theirs, so the scenario's nodes keep their phases).
   */
  addNode(node: number): void {
    const n = node + 1;
    this.phase = grownFloat64(this.phase, n);
    this.token = grownInt32(this.token, n);
    this.suspectedFlag = grownUint8(this.suspectedFlag, n);
    this.silencedAt = grownFloat64(this.silencedAt, n);
    this.crashed = grownUint8(this.crashed, n);
    this.slowFactor = grownFloat64(this.slowFactor, n, 1);
    this.lastHeard = grownFloat64(this.lastHeard, n);
    this.phase[node] = this.phases() * this.heartbeat;
    this.lastHeard[node] = this.sim.now;
  }

  /** A removed node: whatever the detector had pending about it is void, and it is suspected no more. */
  forget(node: number): void {
    this.token[node]++;
    this.suspectedFlag[node] = 0;
  }

  isSuspected(node: number): boolean {
    return this.suspectedFlag[node] === 1;
  }

  resetStatistics(): void {
    this.detectionLatency = new RunningStatistics();
    this.falseSuspicions = 0;
  }

  /** The node's heartbeats stop getting through from now: it crashed (`crashed`) or was cut off. */
  silenced(node: number, crashed: boolean): void {
    const now = this.sim.now;
    const token = ++this.token[node];
    this.silencedAt[node] = now;
    this.crashed[node] = crashed ? 1 : 0;
    const lastArrival = Math.max(this.lastSendAtOrBefore(node, now) + this.latency(node), this.lastHeard[node]);
    const suspectAt = Math.max(now, lastArrival + this.timeout);
    this.sim.schedule(suspectAt, () => {
      if (this.token[node] === token) this.suspect(node);
    });
  }

  /** The node's heartbeats get through again: it is trusted when the next one arrives. */
  resumed(node: number): void {
    const now = this.sim.now;
    const token = ++this.token[node];
    const arrival = this.nextSendAfter(node, now) + this.latency(node);
    this.sim.schedule(arrival, () => {
      if (this.token[node] !== token) return;
      this.lastHeard[node] = this.sim.now;
      if (this.slowFactor[node] < 1) this.beatExplicitly(node, token);
      if (this.suspectedFlag[node] === 1) this.trust(node);
    });
  }

  /** The node's speed, heartbeats included, is now `factor` x normal. */
  setSlowFactor(node: number, factor: number): void {
    const now = this.sim.now;
    const wasSlow = this.slowFactor[node] < 1;
    this.phase[node] = this.lastSendAtOrBefore(node, now);
    this.slowFactor[node] = factor;
    if (!this.isHeard(node)) return;
    const token = ++this.token[node];
    if (factor < 1) this.beatExplicitly(node, token);
    else if (wasSlow) {
      // Back to normal cadence: the next heartbeat clears any suspicion.
      const arrival = this.nextSendAfter(node, now) + this.latency(node);
      this.sim.schedule(arrival, () => {
        if (this.token[node] !== token) return;
        this.lastHeard[node] = this.sim.now;
        if (this.suspectedFlag[node] === 1) this.trust(node);
      });
    }
  }

  /** A slowed node's heartbeats one by one: each arrival re-arms a suspicion check `timeout` later. */
  private beatExplicitly(node: number, token: number): void {
    const beat = () => {
      if (this.token[node] !== token) return;
      const sent = this.sim.now;
      this.phase[node] = sent;
      this.sim.schedule(sent + this.latency(node), () => {
        if (this.token[node] !== token) return;
        const heardAt = this.sim.now;
        this.lastHeard[node] = heardAt;
        if (this.suspectedFlag[node] === 1) this.trust(node);
        this.sim.schedule(heardAt + this.timeout, () => {
          if (this.token[node] === token && this.lastHeard[node] === heardAt) this.suspect(node);
        });
      });
      this.sim.schedule(sent + this.interval(node), beat);
    };
    this.sim.schedule(this.nextSendAfter(node, this.sim.now), beat);
  }

  private suspect(node: number): void {
    if (this.suspectedFlag[node] === 1) return;
    this.suspectedFlag[node] = 1;
    if (this.crashed[node] === 1 && !this.isHeard(node)) this.detectionLatency.record(this.sim.now - this.silencedAt[node]);
    else this.falseSuspicions++;
    this.onSuspect(node);
  }

  private trust(node: number): void {
    this.suspectedFlag[node] = 0;
    this.onTrust(node);
  }

  private interval(node: number): number {
    return this.heartbeat / this.slowFactor[node];
  }

  private lastSendAtOrBefore(node: number, time: number): number {
    const interval = this.interval(node);
    return this.phase[node] + Math.floor((time - this.phase[node]) / interval) * interval;
  }

  private nextSendAfter(node: number, time: number): number {
    const interval = this.interval(node);
    return this.phase[node] + Math.ceil((time - this.phase[node]) / interval) * interval;
  }
}
