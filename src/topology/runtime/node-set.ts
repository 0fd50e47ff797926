import type { NodeSpec } from '../../model/spec.js';
import { exists, type NodeSetListener, type NodeState } from './lifecycle-events.js';
import type { NodeTable } from '../../model/node-table.js';

/**
 * The cluster's nodes, whose membership may change during a run: stable integer ids (a node's index in `specs`,
 * never reused: a removed node keeps its id and its spec), each node's lifecycle state (lifecycle-events.ts), and one
 * event stream that every per-node consumer subscribes to (the topology, the availability tracker, the detector, the
 * policies through their dispatchers, the failure models, the reports). The scenario's nodes are ids 0 .. n - 1,
 * `up` from time 0.
 *
 * It also keeps each node's existence interval, so that totals are node-seconds: a node exists from its addition
 * (provisioning included) to its removal.
 */
export class NodeSet {
  private readonly all: NodeTable;
  private readonly states: NodeState[];
  /** When each node was added (0 for the scenario's) and removed (Infinity while it exists). */
  private readonly addedAt: number[];
  private readonly removedAt: number[];
  private readonly listeners: NodeSetListener[] = [];
  /** Per group, the highest `<group>-<k>` index given out so far (filled on a group's first `nextName`). */
  private readonly highestIndex = new Map<string, number>();
  /** Whether a node was ever added or removed: a fixed set keeps the fixed-set arithmetic of every figure. */
  private changedEver = false;

  constructor(initial: NodeTable) {
    this.all = initial.copy();
    this.states = new Array<NodeState>(initial.length).fill('up');
    this.addedAt = new Array<number>(initial.length).fill(0);
    this.removedAt = new Array<number>(initial.length).fill(Infinity);
  }

  /** Every node ever in the set, by id (removed ones too): grows as nodes are added. */
  get specs(): NodeTable {
    return this.all;
  }

  /** How many ids have been given out. */
  get size(): number {
    return this.all.length;
  }

  get changed(): boolean {
    return this.changedEver;
  }

  state(node: number): NodeState {
    return this.states[node];
  }

  /** Ids of the nodes not removed, in id order. */
  existing(): number[] {
    const ids: number[] = [];
    for (let node = 0; node < this.all.length; node++) if (exists(this.states[node])) ids.push(node);
    return ids;
  }

  /** Seconds node `node` existed within [from, to). */
  existedWithin(node: number, from: number, to: number): number {
    return Math.max(0, Math.min(to, this.removedAt[node]) - Math.max(from, this.addedAt[node]));
  }

  subscribe(listener: NodeSetListener): void {
    this.listeners.push(listener);
  }

  /**
   * The name of the next node of `group`: `<group>-<k>` with k one above the highest index in the group so far
   * (removed nodes count, so a name is never reused either).
   */
  nextName(group: string): string {
    let highest = this.highestIndex.get(group);
    if (highest === undefined) {
      // Once per group: later additions keep it current (add), so that naming costs O(1), not O(nodes ever).
      highest = -1;
      for (const spec of this.all) highest = Math.max(highest, indexInGroup(spec, group));
      this.highestIndex.set(group, highest);
    }
    return `${group}-${highest + 1}`;
  }

  /** Adds a node (state `provisioning`) at `now` and returns its id; listeners hear `onAdded`. */
  add(spec: NodeSpec, now: number): number {
    const node = this.all.length;
    this.all.push(spec);
    const highest = this.highestIndex.get(spec.group);
    if (highest !== undefined) this.highestIndex.set(spec.group, Math.max(highest, indexInGroup(spec, spec.group)));
    this.states.push('provisioning');
    this.addedAt.push(now);
    this.removedAt.push(Infinity);
    this.changedEver = true;
    for (const listener of this.listeners) listener.onAdded?.(node);
    return node;
  }

  /** Moves `node` to `to` at `now`; listeners hear `onStateChange`, and `onRemoved` after a move to `removed`. */
  setState(node: number, to: NodeState, now: number): void {
    const from = this.states[node];
    if (from === to) return;
    if (from === 'removed') throw new Error(`node set: ${this.all.name(node)} was removed and cannot become ${to}`);
    this.states[node] = to;
    for (const listener of this.listeners) listener.onStateChange?.(node, from, to);
    if (to !== 'removed') return;
    this.removedAt[node] = now;
    this.changedEver = true;
    for (const listener of this.listeners) listener.onRemoved?.(node);
  }

  /**
   * A node's health changed (NodeConditions): an `up` node becomes `down` or `cut`, and back. Nodes provisioning,
   * draining or removed keep their membership state.
   */
  reflectHealth(node: number, health: 'up' | 'down' | 'cut', now: number): void {
    const state = this.states[node];
    if (state === 'up' || state === 'down' || state === 'cut') this.setState(node, health, now);
  }
}

/** k of a node named `<group>-<k>` in `group`; -1 for any other name or group. */
function indexInGroup(spec: NodeSpec, group: string): number {
  const prefix = `${group}-`;
  if (spec.group !== group || !spec.name.startsWith(prefix)) return -1;
  const index = Number(spec.name.slice(prefix.length));
  return Number.isInteger(index) ? index : -1;
}
