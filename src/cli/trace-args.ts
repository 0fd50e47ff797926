import type { TraceRequest } from '../experiment/trace-writer.js';
import { parseQuantity } from '../scenario/index.js';

/**
 * `run --trace <file> [--trace-replication r] [--trace-from t] [--trace-to t] [--trace-node name]`, read from
 * yargs' arguments: null without --trace, the request, or the usage error to print (exit 2).
 */
export function traceOption(args: Record<string, unknown>): { trace: TraceRequest | null } | { error: string } {
  const last = (key: string) => (args[key] === undefined ? undefined : String(([] as unknown[]).concat(args[key]).pop()));
  const path = last('trace');
  const others = ['traceReplication', 'traceFrom', 'traceTo', 'traceNode'].filter((key) => args[key] !== undefined);
  if (path === undefined) {
    if (others.length === 0) return { trace: null };
    const flag = `--${others[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return { error: `${flag} chooses what --trace writes, and no --trace <file> was given (e.g. --trace trace.jsonl)` };
  }
  if (path === '' || path.endsWith('/')) return { error: `--trace: bad value '${path}': expected a file name (e.g. trace.jsonl)` };
  const replicationText = last('traceReplication') ?? '0';
  const replication = Number(replicationText);
  if (!/^\d+$/.test(replicationText.trim()) || !Number.isSafeInteger(replication)) {
    return { error: `--trace-replication: bad value '${replicationText}': expected a replication index, an integer >= 0` };
  }
  const time = (key: 'traceFrom' | 'traceTo', flag: string, fallback: number): number | string => {
    const text = last(key);
    if (text === undefined) return fallback;
    const parsed = parseQuantity(text, 'duration');
    if (!parsed.ok || !(parsed.value >= 0)) {
      return `${flag}: bad value '${text}': expected a time from the start of the run, warm-up included (e.g. 10s or 2min)`;
    }
    return parsed.value;
  };
  const from = time('traceFrom', '--trace-from', 0);
  if (typeof from === 'string') return { error: from };
  const to = time('traceTo', '--trace-to', Infinity);
  if (typeof to === 'string') return { error: to };
  if (from > to) return { error: `--trace-from (${last('traceFrom')}) is after --trace-to (${last('traceTo')}): nothing would be written` };
  const node = last('traceNode') ?? null;
  return { trace: { path, replication, from, to, node } };
}

/** The trace's checks against the loaded scenario (a replication it has, a node it has), or null when fine. */
export function traceProblem(trace: TraceRequest, replications: number, nodeNames: readonly string[]): string | null {
  if (trace.replication >= replications) {
    return `--trace-replication: bad value '${trace.replication}': the scenario runs ${replications} replication(s), 0 to ${replications - 1}`;
  }
  if (trace.node !== null && !nodeNames.includes(trace.node)) {
    const shown = nodeNames.length <= 6 ? nodeNames.join(', ') : `${nodeNames.slice(0, 3).join(', ')} ... ${nodeNames[nodeNames.length - 1]}`;
    return `--trace-node: bad value '${trace.node}': no such node; valid: ${shown}`;
  }
  return null;
}
