import { grownInt32 } from '../../engine/growable.js';

/**
 * Partitions as groups that cannot reach one another. Each cut (a partition failure's episode, a timeline step)
 * takes a set of nodes off as one group; the clients never belong to a cut. The rule with several cuts in force: two
 * nodes reach each other when every cut in force holds both or neither (they are in exactly the same cuts), and a
 * node reaches the clients when no cut holds it. So two overlapping cuts of zones a and b make three groups (a, b,
 * and the rest with the clients), and a cut of zone a inside a cut of its region splits the region in two (zone a,
 * the region's other zones) apart from the rest. The groups follow from the cuts in force alone: they heal as the
 * cuts end, in any order.
 */
export class Partitions {
  /** The cuts in force, by id (ids grow, so iteration follows the order they began in). */
  private readonly cuts = new Map<number, readonly number[]>();
  private nextId = 1;
  /** Per node: its group, 0 for the clients' group (in no cut). */
  private group: Int32Array;
  private groupCount = 1;

  constructor(nodeCount: number) {
    this.group = new Int32Array(nodeCount);
  }

  /** A node added at run time: in no cut, with the clients. */
  addNode(): void {
    this.group = grownInt32(this.group, this.group.length + 1);
  }

  /** Cuts `nodes` off as one group; returns the cut's id, for `heal`. */
  cut(nodes: readonly number[]): number {
    const id = this.nextId++;
    this.cuts.set(id, [...new Set(nodes)]);
    this.regroup();
    return id;
  }

  /** Ends cut `id`; returns the nodes it held. */
  heal(id: number): readonly number[] {
    const nodes = this.cuts.get(id);
    if (nodes === undefined) throw new Error(`partitions: no cut ${id} in force`);
    this.cuts.delete(id);
    this.regroup();
    return nodes;
  }

  /** Whether any cut is in force. */
  get active(): boolean {
    return this.cuts.size > 0;
  }

  groupOf(node: number): number {
    return this.group[node];
  }

  reachable(a: number, b: number): boolean {
    return this.group[a] === this.group[b];
  }

  /** The nodes of every group but the clients', each in node order; groups in order of their first node. */
  groups(): number[][] {
    const groups: number[][] = Array.from({ length: this.groupCount - 1 }, () => []);
    this.group.forEach((g, node) => {
      if (g > 0) groups[g - 1].push(node);
    });
    return groups;
  }

  /** Each node's group from the set of cuts that hold it: nodes held by the same cuts share a group. */
  private regroup(): void {
    const held = new Map<number, string>();
    for (const [id, nodes] of this.cuts) for (const node of nodes) held.set(node, `${held.get(node) ?? ''}${id},`);
    this.group.fill(0);
    const groupOfCuts = new Map<string, number>();
    // Numbered in node order, so that equal cuts give equal numbers whatever order their members were listed in.
    const members = [...held.keys()].sort((a, b) => a - b);
    for (const node of members) {
      const key = held.get(node)!;
      let g = groupOfCuts.get(key);
      if (g === undefined) {
        g = groupOfCuts.size + 1;
        groupOfCuts.set(key, g);
      }
      this.group[node] = g;
    }
    this.groupCount = groupOfCuts.size + 1;
  }
}
