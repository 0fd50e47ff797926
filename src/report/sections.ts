import type { ScenarioResult } from '../experiment/result.js';
import type { AnySectionDefinition } from '../topology/section.js';
import { anySectionDefinition } from '../experiment/feature-sections.js';

/** The sections present in a result, in its order, each with its definition (which renders it) and its data. */
export function sectionsOf(result: ScenarioResult): { definition: AnySectionDefinition; result: unknown }[] {
  return Object.entries(result.sections).map(([id, data]) => {
    const definition = anySectionDefinition(id);
    if (definition === undefined) throw new Error(`report: no section '${id}' is registered`);
    return { definition, result: data };
  });
}
