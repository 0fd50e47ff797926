import type { ScenarioSpec } from '../model/spec.js';
import { ELASTICITY_SECTION } from '../scaling/elasticity-section.js';
import { sectionDefinition, topologyDefinition, topologyKinds, topologyOf } from '../topology/registry.js';
import type { AnySectionDefinition } from '../topology/section.js';

/**
 * A feature besides the topology that adds a report section to the scenarios that use it: its section, and whether
 * a scenario uses the feature. Its per-replication data is put in the replication outcome's `sections` under the
 * section's id by the replication runner, next to the topology's `sectionData`.
 */
export interface SectionFeature {
  section: AnySectionDefinition;
  usedBy(spec: ScenarioSpec): boolean;
}

const features: SectionFeature[] = [{ section: ELASTICITY_SECTION, usedBy: (spec) => spec.scaling !== undefined }];

/** The sections of a scenario, in report order: its topology's, then those of the features it uses. */
export function sectionsFor(spec: ScenarioSpec): AnySectionDefinition[] {
  return [...topologyOf(spec).sections, ...features.filter((f) => f.usedBy(spec)).map((f) => f.section)];
}

/** Every report section there is: each registered topology's, then the features'. */
export function allSectionDefinitions(): AnySectionDefinition[] {
  const topologies = topologyKinds().flatMap((kind) => topologyDefinition(kind)?.sections ?? []);
  return [...new Set([...topologies, ...features.map((f) => f.section)])];
}

/** A report section by id: a registered topology's, or a feature's. */
export function anySectionDefinition(id: string): AnySectionDefinition | undefined {
  return sectionDefinition(id) ?? features.find((f) => f.section.id === id)?.section;
}
