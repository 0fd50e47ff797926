import { RequestFlag, type RequestTable } from '../../model/request-table.js';

/**
 * Requests that found no node to take them and wait for one, oldest first: the activator of a service that scales
 * to zero (Knative's activator buffers requests while a revision has no pod). It exists when some scaled group may
 * have no node (`scaling[].min` 0); without it such a request fails at once (no healthy node). The queue is a chain
 * through the request table's `nextInQueue` column (a waiting request is in no station), so it costs no memory of
 * its own; each request waits at most its client's timeout (the client retries or gives up, and the entry is let go
 * when the room next empties).
 */
export class WaitingRoom {
  private head = -1;
  private tail = -1;
  /** Requests in the room, those whose client stopped waiting included. */
  count = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly requests: RequestTable) {}

  /** Runs `listener` after each request that starts to wait. */
  onWaiting(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** `request` waits for a node; it is marked as having waited (for the cold-start figures). */
  hold(request: number): void {
    const requests = this.requests;
    requests.flags[request] |= RequestFlag.waitedForNode;
    requests.node[request] = -1;
    requests.nextInQueue[request] = -1;
    if (this.tail < 0) this.head = request;
    else requests.nextInQueue[this.tail] = request;
    this.tail = request;
    this.count++;
    for (const listener of this.listeners) listener();
  }

  /** Empties the room, handing each request to `each` oldest first (which may hold one again, at the back). */
  releaseAll(each: (request: number) => void): void {
    let request = this.head;
    this.head = -1;
    this.tail = -1;
    this.count = 0;
    while (request >= 0) {
      const next = this.requests.nextInQueue[request];
      each(request);
      request = next;
    }
  }
}
