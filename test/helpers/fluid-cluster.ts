/**
 * A fluid cluster for the scaling controllers' deterministic tests: `work` node-seconds of work arrive per second and
 * spread evenly over the ready nodes, so a ready node is busy min(1, work / ready) of the time (one core each). Its
 * own event queue runs the controllers' scheduled actions in time order (ties in scheduling order).
 */
import type { ScalingControl } from '../../src/scaling/scaling-control.js';

export class FluidCluster {
  now = 0;
  private queue: { time: number; seq: number; action: () => void }[] = [];
  private seq = 0;
  /** Per node: 'provisioning' | 'up' | 'draining' | 'removed', and busy seconds so far. */
  state: string[] = [];
  busy: number[] = [];
  private busySince = 0;
  /** (time, count of requested nodes) after every change. */
  changes: [number, number][] = [];

  /** Arrivals per second at the cluster (the `rate` metric counts them: rate x now so far). */
  arrivalRate = 0;
  private readonly replyListeners = new Set<(response: number) => void>();

  /** `count` replies of `response` seconds delivered now (the `p99` metric reads them). */
  reply(count: number, response: number): void {
    for (let i = 0; i < count; i++) this.replyListeners.forEach((listener) => listener(response));
  }

  constructor(initial: number, private work: number) {
    for (let i = 0; i < initial; i++) {
      this.state.push('up');
      this.busy.push(0);
    }
  }

  setWork(work: number): void {
    this.accrue();
    this.work = work;
  }

  private accrue(): void {
    const ready = this.state.filter((s) => s === 'up').length;
    const each = ready === 0 ? 0 : Math.min(1, this.work / ready);
    this.state.forEach((s, node) => {
      if (s === 'up') this.busy[node] += each * (this.now - this.busySince);
    });
    this.busySince = this.now;
  }

  private requested(): number {
    return this.state.filter((s) => s === 'up' || s === 'provisioning').length;
  }

  control(): ScalingControl {
    return {
      now: () => this.now,
      schedule: (time, action) => this.queue.push({ time, seq: this.seq++, action }),
      stream: () => () => 0.5,
      members: () => ({
        ready: this.state.flatMap((s, n) => (s === 'up' ? [n] : [])),
        unready: this.state.flatMap((s, n) => (s === 'provisioning' ? [n] : [])),
      }),
      isReady: (node) => this.state[node] === 'up',
      areas: (node) => {
        this.accrue();
        return { busy: this.busy[node], waiting: 0, cores: 1 };
      },
      onStatisticsReset: () => {},
      recordAction: () => {},
      recordColdStart: () => {},
      onRequestWaiting: () => {},
      onNodeIdle: () => {},
      holdsNothing: () => false,
      arrivals: () => this.arrivalRate * this.now,
      onReply: (listener) => {
        this.replyListeners.add(listener);
        return () => this.replyListeners.delete(listener);
      },
      addNode: (_group, provisioning) => {
        this.accrue();
        const node = this.state.length;
        this.state.push('provisioning');
        this.busy.push(0);
        this.queue.push({
          time: this.now + provisioning,
          seq: this.seq++,
          action: () => {
            this.accrue();
            this.state[node] = 'up';
          },
        });
        this.changes.push([this.now, this.requested()]);
        return node;
      },
      removeNode: (node) => {
        this.accrue();
        this.state[node] = 'removed';
        this.changes.push([this.now, this.requested()]);
      },
    };
  }

  run(until: number): void {
    for (;;) {
      this.queue.sort((a, b) => a.time - b.time || a.seq - b.seq);
      const next = this.queue[0];
      if (next === undefined || next.time > until) {
        this.now = until; // the clock stands at `until`: a setWork now happens then; the event waits for the next run
        return;
      }
      this.queue.shift();
      this.now = next.time;
      next.action();
    }
  }

  count(): number {
    return this.requested();
  }
}

/** The count after the last change of each instant (nodes are added and removed one at a time). */
export function lastPerInstant(changes: [number, number][]): [number, number][] {
  return changes.filter((c, i, all) => i === all.length - 1 || all[i + 1][0] !== c[0]);
}

