import type { RequestTable } from '../../model/request-table.js';

/**
 * The scheduler's link from a job (the entry that travels to the leader and a worker) to the client's attempt (its
 * handle: the entry that `ClientRetries` times and retries). A task the leader reassigns changes entries (a fresh one
 * replaces the entry lost in a crashed worker, or duplicates the one a suspected worker still runs), so a client
 * timer cannot sit on the job's entry; it sits on the handle, which stays put from the attempt's start to its end,
 * and each new job entry of the same attempt inherits the link.
 *
 * A link remembers the handle's generation: if the handle's entry was released and reused (the client gave up on the
 * attempt long ago), the job finds no handle and its outcome reaches nobody.
 */
export class TaskHandles {
  private handles = new Int32Array(1024).fill(-1);
  private generationOf = new Int32Array(1024);

  constructor(private readonly requests: RequestTable) {
    requests.keepAttempts();
  }

  /** `job` carries the attempt whose handle is `handle`. */
  link(job: number, handle: number): void {
    if (job >= this.handles.length) this.grow(job);
    this.handles[job] = handle;
    this.generationOf[job] = this.requests.generation[handle];
  }

  /** `fresh` takes over the attempt `job` carried (a reassignment or a duplicate). */
  inherit(fresh: number, job: number): void {
    const handle = job < this.handles.length ? this.handles[job] : -1;
    if (fresh >= this.handles.length) this.grow(fresh);
    this.handles[fresh] = handle;
    this.generationOf[fresh] = this.generationOf[job];
  }

  /** The handle of the attempt `job` carries, or -1 when the client has let it go. */
  handleOf(job: number): number {
    if (job >= this.handles.length) return -1;
    const handle = this.handles[job];
    if (handle < 0) return -1;
    const requests = this.requests;
    return requests.isAlive(handle) && requests.generation[handle] === this.generationOf[job] ? handle : -1;
  }

  private grow(entry: number): void {
    let size = this.handles.length;
    while (size <= entry) size *= 2;
    const handles = new Int32Array(size).fill(-1);
    handles.set(this.handles);
    const generationOf = new Int32Array(size);
    generationOf.set(this.generationOf);
    this.handles = handles;
    this.generationOf = generationOf;
  }
}
