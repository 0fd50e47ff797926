/** What a line of the event trace says happened (`run --trace`). */
export type TraceKind = 'arrive' | 'reply' | 'fail' | 'node';

/**
 * Receives one replication's events for `run --trace` (experiment/trace-writer.ts). The runtime calls it only when a
 * trace was asked for (the hook is null otherwise: one null test per request outcome), and it only reads: a traced
 * replication draws and decides exactly what the untraced one does.
 *
 * `node` is a node id or -1; `request` is the request table's slot or -1 (slots are reused: the sink numbers
 * requests by arrival).
 */
export interface TraceSink {
  event(time: number, kind: TraceKind, node: number, request: number, detail: string): void;
}
