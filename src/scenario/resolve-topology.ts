import type { TopologySpec } from '../model/spec.js';
import { topologyDefinition, defaultTopologyKind } from '../topology/registry.js';
import type { Findings } from './issues.js';
import { isRecord } from './resolve-values.js';

/**
 * `topology` into the resolved `TopologySpec` by its kind's definition (src/topology/registry.ts): absent, the
 * default kind; the definition applies its defaults and checks its own rules, then how it fits the rest of the file.
 * Returns undefined when anything is invalid (wrong types and unknown kinds are the schema check's to report).
 */
export function resolveTopology(raw: Record<string, unknown>, findings: Findings): { topology?: TopologySpec } | undefined {
  const written = raw.topology ?? { kind: defaultTopologyKind };
  if (!isRecord(written) || typeof written.kind !== 'string') return undefined; // reported by the schema check
  const definition = topologyDefinition(written.kind);
  if (definition === undefined) return undefined; // an unknown kind: reported by the schema check
  const resolved = definition.resolve(written, findings);
  if (resolved !== undefined) definition.checkFit?.(raw, resolved.topology, findings);
  return resolved;
}
