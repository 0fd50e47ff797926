import type { NodeSpec, ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import { NodeTable } from '../../model/node-table.js';

/** Every node's spec by id in one replication: the scenario's, or the grown list when its node set changed. */
export function nodeSpecsOf(o: ReplicationOutcome, spec: ScenarioSpec): NodeTable {
  return o.nodeSpecs !== undefined ? NodeTable.of(o.nodeSpecs) : spec.nodes;
}

/**
 * The window's available core-seconds: each node's cores times the seconds it existed in the window. Nodes that
 * existed throughout are summed first as cores x window, so that a fixed node set gives exactly total cores x
 * window, as before node sets could change.
 */
export function coreSeconds(o: ReplicationOutcome, spec: ScenarioSpec): number {
  const specs = nodeSpecsOf(o, spec);
  let throughout = 0;
  let partial = 0;
  o.nodes.existed.forEach((existed, i) => {
    if (existed === o.measuredTime) throughout += specs.fields(i).cores;
    else partial += specs.fields(i).cores * existed;
  });
  return throughout * o.measuredTime + partial;
}

/** The window's node-seconds: the seconds each node existed in it, summed (node count x window for a fixed set). */
export function nodeSeconds(o: ReplicationOutcome): number {
  let throughout = 0;
  let partial = 0;
  for (const existed of o.nodes.existed) {
    if (existed === o.measuredTime) throughout++;
    else partial += existed;
  }
  return throughout * o.measuredTime + partial;
}
