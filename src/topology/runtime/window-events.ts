/**
 * The measurement window's lifecycle as events a topology subscribes to, instead of methods the replication runner
 * calls by name: `begin` when the warm-up ends (with the width of a time-series interval), `end` when the window
 * closes (before the drain that follows measured requests to their end). Listeners run in subscription order.
 */
export class WindowEvents {
  private readonly beginListeners: ((now: number, intervalWidth: number) => void)[] = [];
  private readonly endListeners: ((now: number) => void)[] = [];

  onBegin(listener: (now: number, intervalWidth: number) => void): void {
    this.beginListeners.push(listener);
  }

  onEnd(listener: (now: number) => void): void {
    this.endListeners.push(listener);
  }

  /** Called by the replication runner only. */
  begin(now: number, intervalWidth: number): void {
    for (const listener of this.beginListeners) listener(now, intervalWidth);
  }

  /** Called by the replication runner only. */
  end(now: number): void {
    for (const listener of this.endListeners) listener(now);
  }
}
