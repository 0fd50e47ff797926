/**
 * A small fake cluster for the policy tests: it keeps the figures a DispatchView shows (connections, outstanding
 * work, queue lengths, availability, the request's key, client and work) and calls the policy's hooks the way the
 * direct topology does with no network latency (src/topology/direct.ts): choose, then onDispatch and
 * onQueueLength; on a reply onReply, onQueueLength and, when the queue empties, onNodeIdle; onAvailabilityChange
 * when a node goes or comes back. A test can also make the view report arbitrary queue lengths (a stale view).
 */
import { expect } from 'vitest';
import { RandomStreams, type Uniform } from '../../../src/engine/rng.js';
import type { DispatchPolicy, DispatchView } from '../../../src/model/dispatch.js';
import { createPolicy } from '../../../src/policies/create.js';

export interface RequestSpec {
  key?: number;
  client?: number;
  work?: number;
}

export class FakeCluster {
  readonly connections: Int32Array;
  readonly work: Float64Array;
  readonly queue: Int32Array;
  readonly capacity: Float64Array;
  readonly available: Uint8Array;
  readonly view: DispatchView;
  /** Per request id: key, client, work, and the node it went to (-1: none yet, or refused). */
  private readonly keys: number[] = [];
  private readonly clients: number[] = [];
  private readonly works: number[] = [];
  readonly nodeOf: number[] = [];
  private policyRef: DispatchPolicy | null = null;

  constructor(
    readonly nodeCount: number,
    capacity: (node: number) => number = () => 1,
  ) {
    this.connections = new Int32Array(nodeCount);
    this.work = new Float64Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
    this.capacity = Float64Array.from({ length: nodeCount }, (_, i) => capacity(i));
    this.available = new Uint8Array(nodeCount).fill(1);
    this.view = {
      nodeCount,
      connections: (i) => this.connections[i],
      outstandingWork: (i) => this.work[i],
      queueLength: (i) => this.queue[i],
      capacity: (i) => this.capacity[i],
      isAvailable: (i) => this.available[i] === 1,
      requestKey: (r) => this.keys[r] ?? -1,
      requestClient: (r) => this.clients[r] ?? -1,
      requestWork: (r) => this.works[r] ?? 1,
    };
  }

  get policy(): DispatchPolicy {
    if (!this.policyRef) throw new Error('FakeCluster: no policy attached');
    return this.policyRef;
  }

  /** Builds the named policy on this view (defaults filled by createPolicy) with the stream `t`/`stream`. */
  use(name: string, params: Record<string, unknown> = {}, stream = name): DispatchPolicy {
    this.policyRef = createPolicy({ name, params }, this.view, rngOf(stream));
    return this.policyRef;
  }

  /** A new request id with the given attributes (key and client -1 when absent, work 1). */
  request(spec: RequestSpec = {}): number {
    const id = this.nodeOf.length;
    this.keys.push(spec.key ?? -1);
    this.clients.push(spec.client ?? -1);
    this.works.push(spec.work ?? 1);
    this.nodeOf.push(-1);
    return id;
  }

  /** Asks the policy only, without sending anything. */
  choose(spec: RequestSpec = {}): number {
    return this.policy.choose(this.request(spec));
  }

  /** A request through the whole dispatch path; returns its id (its node in nodeOf, -1 when refused). */
  dispatch(spec: RequestSpec = {}): number {
    const request = this.request(spec);
    const node = this.policy.choose(request);
    this.nodeOf[request] = node;
    if (node < 0) return request;
    expect(this.available[node], `request ${request} sent to unavailable node ${node}`).toBe(1);
    this.connections[node]++;
    this.work[node] += this.works[request];
    this.policy.onDispatch?.(node, request);
    this.queue[node]++;
    this.policy.onQueueLength?.(node, this.queue[node]);
    return request;
  }

  /** A request sent to `node` without asking the policy (as another rule or a test script would), with the hooks. */
  sendTo(node: number, spec: RequestSpec = {}): number {
    const request = this.request(spec);
    this.nodeOf[request] = node;
    this.connections[node]++;
    this.work[node] += this.works[request];
    this.policy.onDispatch?.(node, request);
    this.queue[node]++;
    this.policy.onQueueLength?.(node, this.queue[node]);
    return request;
  }

  /** The request's reply reaches the dispatcher (responseTime NaN: it failed). */
  complete(request: number, responseTime = 1): void {
    const node = this.nodeOf[request];
    if (node < 0) throw new Error(`FakeCluster: request ${request} is not at a node`);
    this.nodeOf[request] = -1;
    this.connections[node]--;
    this.work[node] -= this.works[request];
    this.policy.onReply?.(node, request, responseTime);
    this.queue[node]--;
    this.policy.onQueueLength?.(node, this.queue[node]);
    if (this.queue[node] === 0) this.policy.onNodeIdle?.(node);
  }

  setAvailable(node: number, available: boolean): void {
    this.available[node] = available ? 1 : 0;
    this.policy.onAvailabilityChange?.(node, available);
  }

  /** The view reports a queue length that need not follow the dispatches (a periodic report, a crash). */
  reportQueue(node: number, length: number): void {
    this.queue[node] = length;
    this.policy.onQueueLength?.(node, length);
    if (length === 0) this.policy.onNodeIdle?.(node);
  }

  /** Requests currently at a node. */
  open(): number[] {
    const ids: number[] = [];
    this.nodeOf.forEach((node, id) => {
      if (node >= 0) ids.push(id);
    });
    return ids;
  }
}

export const rngOf = (name: string): Uniform => new RandomStreams('t').stream(name);

/**
 * Chi-square bound for a goodness-of-fit test with `df` degrees of freedom at an upper tail of about 10^-6
 * (Wilson-Hilferty: chi2_p ~ df (1 - 2/(9 df) + z sqrt(2/(9 df)))^3, z = 4.75). A correct policy exceeds it with
 * probability about 10^-6; each test draws from a fixed stream, so it passes or fails deterministically.
 */
export function chiSquareBound(df: number): number {
  const z = 4.75;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** Checks counts against probabilities with Pearson's chi-square at the bound above (bins with p = 0 must be 0). */
export function expectSpread(counts: number[], probabilities: number[], label: string): void {
  const total = counts.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let bins = 0;
  counts.forEach((count, i) => {
    const p = probabilities[i];
    if (p === 0) {
      expect(count, `${label}: bin ${i} has probability 0`).toBe(0);
      return;
    }
    bins++;
    const expected = total * p;
    expect(expected, `${label}: expected count per bin >= 20 for the chi-square approximation`).toBeGreaterThanOrEqual(20);
    statistic += (count - expected) ** 2 / expected;
  });
  const bound = chiSquareBound(bins - 1);
  expect(statistic, `${label}: chi-square ${statistic.toFixed(2)} with ${bins - 1} df above ${bound.toFixed(2)}`).toBeLessThanOrEqual(bound);
}

export const uniform = (n: number, except: number[] = []): number[] => {
  const live = n - except.length;
  return Array.from({ length: n }, (_, i) => (except.includes(i) ? 0 : 1 / live));
};

/** `rounds` of choose-only calls, counted per node. */
export function countChoices(cluster: FakeCluster, rounds: number, spec: () => RequestSpec = () => ({})): number[] {
  const counts = new Array(cluster.nodeCount).fill(0);
  for (let k = 0; k < rounds; k++) {
    const node = cluster.choose(spec());
    expect(node, 'a node is chosen').toBeGreaterThanOrEqual(0);
    counts[node]++;
  }
  return counts;
}
