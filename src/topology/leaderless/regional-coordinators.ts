import { grownUint8 } from '../../engine/growable.js';
import type { DispatchPolicy, DispatchView } from '../../model/dispatch.js';
import type { RequestTable } from '../../model/request-table.js';
import type { NodeTable } from '../../model/node-table.js';
import type { Station } from '../../model/station.js';
import { Dispatcher } from '../dispatcher.js';

/** The dispatcher an attempt went through when no region's had a live entry (or its class has no region). */
export const ANY_REGION = -1;

/**
 * Clients reach the nearest coordinator unless it is down (issue 14), as Cassandra's DC-aware drivers do: "no host
 * in a remote datacenter will be queried unless no host in the local datacenter can be reached" (DataStax C# driver,
 * DCAwareRoundRobinPolicy, https://docs.datastax.com/en/drivers/csharp/3.1/html/T_Cassandra_DCAwareRoundRobinPolicy.htm).
 * One dispatcher per client region, its own policy on the stream
 * `policy/region-<name>`, whose entries are the balancer's entries (live, taking work, in the coordinator tier if
 * there is one) that lie in that region; a region with no entry left sends its clients to the shared dispatcher,
 * which sees every entry. Each dispatcher keeps its own connections, as the direct topology's several dispatchers do.
 */
export class RegionalCoordinators {
  private readonly dispatchers: (Dispatcher | null)[];
  private readonly masks: Uint8Array[];
  /** Per client region, its dispatcher's entries. */
  private readonly live: Int32Array;

  constructor(
    nodes: NodeTable,
    stations: readonly Station[],
    requests: RequestTable,
    /** The network's regions (their names), and which of them have clients. */
    regions: readonly string[],
    clientRegions: ReadonlySet<number>,
    /** A node's region (an index of `regions`), read live: nodes added during a run are placed when they come. */
    private readonly regionOf: (node: number) => number,
    /** The balancer's entries, as they stand when the dispatchers are built. */
    entries: Uint8Array,
    makePolicy: (view: DispatchView, rebuild?: number, family?: string) => DispatchPolicy,
    readsOutstandingWork: boolean,
  ) {
    this.live = new Int32Array(regions.length);
    this.masks = regions.map(() => new Uint8Array(entries.length).fill(1));
    this.dispatchers = regions.map((name, region) => {
      if (!clientRegions.has(region)) return null;
      const mask = this.masks[region];
      const family = `policy/region-${name}`;
      const dispatcher = new Dispatcher(nodes, stations, requests, mask, false, (view, rebuild) => makePolicy(view, rebuild, family), readsOutstandingWork);
      // Built over every node, as the shared dispatcher is; the nodes that are not this region's entries are then
      // taken out of its policy's view once.
      for (let node = 0; node < entries.length; node++) {
        const entry = entries[node] === 1 && regionOf(node) === region;
        if (entry) this.live[region]++;
        else {
          mask[node] = 0;
          dispatcher.policy.onAvailabilityChange?.(node, false);
        }
      }
      return dispatcher;
    });
  }

  /**
   * The coordinator the policy of `region`'s dispatcher picks, and its books opened; -1 when the class has no region
   * or its region has no live entry (the caller then uses the shared dispatcher).
   */
  choose(request: number, region: number): number {
    const dispatcher = region < 0 ? null : this.dispatchers[region];
    if (dispatcher === null || this.live[region] === 0) return -1;
    const node = dispatcher.policy.choose(request);
    if (node < 0) return -1;
    dispatcher.opened(node, request);
    dispatcher.policy.onDispatch?.(node, request);
    return node;
  }

  /** The attempt that `region`'s dispatcher sent to `coordinator` is over (`response` NaN: it failed). */
  close(region: number, coordinator: number, request: number, response: number): void {
    const dispatcher = this.dispatchers[region]!;
    dispatcher.closed(coordinator, request);
    dispatcher.policy.onReply?.(coordinator, request, response);
  }

  /** The balancer's entry for `node` changed: its region's dispatcher (if its region has clients) hears of it. */
  setEntry(node: number, entry: boolean): void {
    const region = this.regionOf(node);
    const dispatcher = region < 0 ? null : this.dispatchers[region];
    if (dispatcher === null) return;
    const mask = this.masks[region];
    if ((mask[node] === 1) === entry) return;
    mask[node] = entry ? 1 : 0;
    this.live[region] += entry ? 1 : -1;
    dispatcher.policy.onAvailabilityChange?.(node, entry);
  }

  /** A node added during a run: every dispatcher's view grows (not an entry until `setEntry` says so). */
  addNode(node: number): void {
    this.dispatchers.forEach((dispatcher, region) => {
      if (dispatcher === null) return;
      this.masks[region] = grownUint8(this.masks[region], node + 1);
      dispatcher.addNode(node, this.masks[region]);
    });
  }

  removeNode(node: number): void {
    for (const dispatcher of this.dispatchers) dispatcher?.removeNode(node);
  }

  /** Attempts that the regional dispatchers have open at `node`. */
  connections(node: number): number {
    let open = 0;
    for (const dispatcher of this.dispatchers) if (dispatcher !== null && node < dispatcher.connections.length) open += dispatcher.connections[node];
    return open;
  }
}
