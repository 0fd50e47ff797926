import type { FailureSpec } from '../model/spec.js';
import { crashModel } from './crash.js';
import { domainModel } from './domain.js';
import type { FailureModelDefinition } from './failure-model.js';
import { partitionModel } from './partition.js';
import { slowModel } from './slow.js';
import { timelineModel } from './timeline.js';

/** Every failure model by kind. A new model is one file plus one line here. */
export const failureModels: ReadonlyMap<string, FailureModelDefinition> = new Map(
  ([crashModel, domainModel, partitionModel, slowModel, timelineModel] as FailureModelDefinition[]).map((m) => [m.kind, m]),
);

export function failureKinds(): string[] {
  return [...failureModels.keys()];
}

export function installFailure(spec: FailureSpec, control: Parameters<FailureModelDefinition['install']>[1], index: number): void {
  const model = failureModels.get(spec.kind);
  if (!model) throw new Error(`failures.${index}.kind: unknown failure kind '${spec.kind}'. Valid: ${failureKinds().join(', ')}`);
  model.install(spec, control, index);
}
