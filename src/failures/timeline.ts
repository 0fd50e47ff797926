import type { FailureSpec, TimelineStep } from '../model/spec.js';
import type { ClusterControl } from '../model/cluster-control.js';
import type { FailureModelDefinition } from './failure-model.js';

type TimelineSpec = Extract<FailureSpec, { kind: 'timeline' }>;

/**
 * A scripted incident, for reproducing one: each step at a fixed time, for a fixed duration; or a scripted change
 * of membership (`add`, `remove`), which lasts. Selectors are read when the step happens, so they cover nodes added
 * before it and skip removed ones.
 */
export const timelineModel: FailureModelDefinition<TimelineSpec> = {
  kind: 'timeline',
  description: 'Scripted steps: { at, crash | partition | slow, for } or { at, add | remove }.',
  install(spec, control) {
    for (const step of spec.steps) control.schedule(step.at, () => runStep(step, control));
  },
};

function runStep(step: TimelineStep, control: ClusterControl): void {
  if ('add' in step) {
    control.addNodes(step.add.group, step.add.count);
    return;
  }
  if ('remove' in step) {
    control.removeNode(step.remove.node, step.remove.drain);
    return;
  }
  const end = control.now() + step.for;
  if ('crash' in step) {
    const nodes = control.select(step.crash);
    nodes.forEach((node) => control.crash(node, `scripted crash ${step.crash}`));
    control.schedule(end, () => nodes.forEach((node) => control.restore(node)));
  } else if ('partition' in step) {
    // Every selector of the step together: one group.
    const nodes = [...new Set(step.partition.flatMap((selector) => control.select(selector)))];
    const cut = control.cut(nodes, `scripted partition ${step.partition.join(', ')}`);
    control.schedule(end, () => control.heal(cut));
  } else {
    const nodes = control.select(step.slow);
    nodes.forEach((node) => control.slow(node, step.factor, `scripted slow ${step.slow} x${step.factor}`));
    control.schedule(end, () => nodes.forEach((node) => control.unslow(node, step.factor)));
  }
}
