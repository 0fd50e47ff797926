import type { ComparisonPoint } from '../../experiment/compare.js';
import { allSectionDefinitions } from '../../experiment/feature-sections.js';
import type { ComparedSummary, RecoveryPoint } from '../../topology/recovery-point.js';

/**
 * The variants at `point` as the sections' comparison hooks see them: each summary.json, and the disaster-recovery
 * point of the first section that has one, so that one table draws every tier whichever topology runs it.
 */
export function comparedSummaries(point: ComparisonPoint): ComparedSummary[] {
  return point.variants.map((variant) => {
    const summary = variant.summary as unknown;
    let recovery: RecoveryPoint | undefined;
    for (const section of allSectionDefinitions()) {
      recovery = section.recoveryPoint?.(summary) ?? undefined;
      if (recovery !== undefined) break;
    }
    return recovery === undefined ? { name: variant.name, summary } : { name: variant.name, summary, recovery };
  });
}
