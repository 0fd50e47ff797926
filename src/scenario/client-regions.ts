import type { ScenarioSpec } from '../model/spec.js';
import { regionOfZone } from '../model/zones.js';
import { topologyOf } from '../topology/registry.js';
import type { Findings } from './issues.js';

/**
 * `workload[].region` against the cluster: a region that holds nodes (or one the topology reaches beyond them, a
 * standby's), else an error; with a topology that does not read it, a warning that it has no effect.
 */
export function checkClientRegions(spec: ScenarioSpec, findings: Findings): void {
  const definition = topologyOf(spec);
  const known = new Set(spec.nodes.distinct((node) => regionOfZone(spec.network, node.zone)));
  for (const region of definition.regionsBeyondNodes?.(spec.topology) ?? []) known.add(region);
  spec.workload.forEach((workloadClass, index) => {
    const region = workloadClass.region;
    if (region === undefined) return;
    const path = ['workload', index, 'region'];
    if (!known.has(region)) {
      findings.error({ path, value: region, rule: 'no node is in this region', valid: `a region of the nodes: ${[...known].sort().join(', ')}` });
    } else if (definition.clientRegions?.(spec.topology) !== true) {
      findings.warning({
        path,
        anchor: 'key',
        rule: `has no effect with topology ${definition.kind} here: its clients reach every node at network.clients' latency`,
        valid: 'remove region, or topology single-leader (mode replicated), or leaderless',
      });
    }
  });
}
