import { createSampler } from '../engine/distributions/index.js';
import type { FailureSpec } from '../model/spec.js';
import type { FailureModelDefinition } from './failure-model.js';

type CrashSpec = Extract<FailureSpec, { kind: 'crash' }>;

/**
 * Independent crash and repair of each selected node: an alternating renewal process per node, with its own
 * time-to-failure stream so that adding a node does not shift the others' failures. Repairs wait for a crew when
 * crews are limited.
 */
export const crashModel: FailureModelDefinition<CrashSpec> = {
  kind: 'crash',
  description: 'Each selected node crashes after timeToFailure and is repaired after timeToRepair, independently.',
  install(spec, control, index) {
    for (const node of control.select(spec.nodes)) {
      const name = control.nodes[node].name;
      const failureTime = createSampler(spec.timeToFailure, control.stream(`failures/${index}/ttf/${name}`));
      const repairTime = createSampler(spec.timeToRepair, control.stream(`failures/${index}/ttr/${name}`));
      const fail = () => {
        control.crash(node, `crash ${name}`);
        control.repair(node, repairTime, () => {
          control.restore(node);
          control.schedule(control.now() + failureTime(), fail);
        });
      };
      control.schedule(failureTime(), fail);
    }
  },
};
