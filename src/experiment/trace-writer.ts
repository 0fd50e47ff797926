import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ScenarioSpec } from '../model/spec.js';
import type { TraceKind, TraceSink } from '../model/trace-sink.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { runReplication } from './replication.js';
import { replicationStreams } from './streams.js';

/** Which events of which replication `run --trace` writes. Times count from the start of the run, warm-up included. */
export interface TraceRequest {
  path: string;
  replication: number;
  from: number;
  to: number;
  /** A node's name (web-3), or null: every node. Request lines name the node that served the request. */
  node: string | null;
}

/** Bytes gathered before each write: the file is streamed, whatever the run's length. */
const CHUNK = 1 << 16;

/**
 * One JSON line per event, `{"time":12.5,"kind":"reply","node":"web-3","request":1042,"detail":"response 0.31"}`,
 * streamed to a file descriptor. Requests are numbered by arrival in the replication (0, 1, ...); the request table's
 * reused slots are mapped to those numbers while the request lives, so memory follows the requests in the system.
 */
export class JsonlTraceWriter implements TraceSink {
  lines = 0;
  private buffer: string[] = [];
  private bytes = 0;
  private nextRequest = 0;
  private readonly requestOfSlot = new Map<number, number>();

  constructor(
    private readonly fd: number,
    private readonly nodeName: (node: number) => string,
    private readonly request: Omit<TraceRequest, 'path' | 'replication'>,
  ) {}

  event(time: number, kind: TraceKind, node: number, slot: number, detail: string): void {
    let request: number | null = null;
    if (slot >= 0) {
      if (kind === 'arrive') this.requestOfSlot.set(slot, (request = this.nextRequest++));
      else {
        request = this.requestOfSlot.get(slot) ?? null;
        // A reply or a failure is the request's last line: its slot may serve another request next.
        if (kind === 'reply' || kind === 'fail') this.requestOfSlot.delete(slot);
      }
    }
    if (time < this.request.from || time > this.request.to) return;
    const name = node >= 0 ? this.nodeName(node) : null;
    if (this.request.node !== null && name !== this.request.node) return;
    const line = `${JSON.stringify({ time, kind, node: name, request, detail })}\n`;
    this.buffer.push(line);
    this.bytes += line.length;
    this.lines++;
    if (this.bytes >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.bytes = 0;
  }
}

/**
 * Runs replication `request.replication` of `spec` again, on this thread, with a trace sink, and writes its events
 * to `request.path`. The replication is the run's own (same seed, same streams: replications are deterministic),
 * and the sink only reads, so the report is untouched by tracing. Written like the reports: into a temporary file
 * beside the target, renamed over it only when complete, so a signal or an error never leaves half a trace
 * (`shouldStop` true: the temporary file is removed and null returned).
 */
export function writeTrace(
  spec: ScenarioSpec,
  request: TraceRequest,
  options: { policy?: PolicyDefinition; shouldStop?: () => boolean } = {},
): { lines: number } | null {
  const temporary = join(dirname(request.path), `.${basename(request.path)}.partial-${process.pid}`);
  const fd = openSync(temporary, 'w');
  let done = false;
  try {
    const names = spec.nodes.map((n) => n.name);
    const writer = new JsonlTraceWriter(fd, (node) => names[node] ?? `node-${node}`, request);
    const outcome = runReplication(spec, replicationStreams(spec.seed, request.replication), request.replication, {
      trace: writer,
      policy: options.policy,
      shouldStop: options.shouldStop,
    });
    if (outcome.stopReason === 'interrupted') return null;
    writer.flush();
    closeSync(fd);
    done = true;
    renameSync(temporary, request.path);
    return { lines: writer.lines };
  } finally {
    if (!done) {
      closeSync(fd);
      rmSync(temporary, { force: true });
    }
  }
}
