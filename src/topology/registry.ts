import { Type, type TSchema } from '@sinclair/typebox';
import type { ScenarioSpec } from '../model/spec.js';
import { VALID } from '../scenario/schema-parts.js';
import type { AnyTopologyDefinition } from './definition.js';
import type { AnySectionDefinition } from './section.js';
import { directTopology } from './direct/definition.js';
import { leaderlessTopology } from './leaderless/definition.js';
import { singleLeaderTopology } from './single-leader/definition.js';

/** The kind a scenario without `topology` gets. */
export const defaultTopologyKind = directTopology.kind;

const definitions = new Map<string, AnyTopologyDefinition>();
let version = 0;

/**
 * Adds a topology (a library user's, or a test's) or replaces the one of the same kind. The scenario schema and
 * every check built from it follow (`topologyRegistryVersion` tells caches to rebuild).
 */
export function registerTopology(definition: AnyTopologyDefinition): void {
  definitions.set(definition.kind, definition);
  version++;
}

/** Removes a topology registered by `registerTopology` (tests clean up after themselves). */
export function unregisterTopology(kind: string): void {
  if (kind === defaultTopologyKind) throw new Error(`topology '${kind}' is the default and cannot be removed`);
  if (definitions.delete(kind)) version++;
}

// Every topology clustersim ships. A new topology is one folder plus one line here.
registerTopology(directTopology);
registerTopology(singleLeaderTopology);
registerTopology(leaderlessTopology);

export function topologyRegistryVersion(): number {
  return version;
}

export function topologyKinds(): string[] {
  return [...definitions.keys()];
}

export function topologyDefinition(kind: string): AnyTopologyDefinition | undefined {
  return definitions.get(kind);
}

/** The kind a raw scenario file names (`topology.kind` as written), or the default kind without one. */
export function writtenTopologyKind(file: Record<string, unknown>): string {
  const written = file.topology;
  if (written === undefined || written === null || typeof written !== 'object') return defaultTopologyKind;
  const kind = (written as Record<string, unknown>).kind;
  return typeof kind === 'string' ? kind : defaultTopologyKind;
}

/** A report section by id, among every registered topology's sections. */
export function sectionDefinition(id: string): AnySectionDefinition | undefined {
  for (const definition of definitions.values()) {
    const section = definition.sections.find((s) => s.id === id);
    if (section !== undefined) return section;
  }
  return undefined;
}

/** The definition a resolved scenario runs on: its topology's kind, or the default without one. */
export function topologyOf(spec: ScenarioSpec): AnyTopologyDefinition {
  const kind = spec.topology?.kind ?? defaultTopologyKind;
  const definition = definitions.get(kind);
  if (definition === undefined) throw new Error(`topology '${kind}' is not registered; registered: ${topologyKinds().join(', ')}`);
  return definition;
}

/** The `topology:` key of the scenario schema: one alternative per registered kind, told apart by `kind`. */
export function topologySchema(): TSchema {
  const kinds = topologyKinds();
  const validText = `a mapping with kind: ${kinds.slice(0, -1).join(', ')}${kinds.length > 1 ? ' or ' : ''}${kinds[kinds.length - 1]}`;
  return Type.Union(
    [...definitions.values()].map((d) => d.schema),
    {
      description: `How the cluster is organised: ${[...definitions.values()].map((d) => `kind ${d.kind} (${d.description})`).join('; ')}.`,
      [VALID]: validText,
    },
  );
}
