import { createSampler, distMean } from '../engine/distributions/index.js';
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
    const start = (node: number) => {
      const name = control.nodes.name(node);
      const failureTime = createSampler(spec.timeToFailure, control.stream(`failures/${index}/ttf/${name}`));
      const repairTime = createSampler(spec.timeToRepair, control.stream(`failures/${index}/ttr/${name}`));
      const fail = () => {
        if (control.isRemoved(node)) return; // a removed node's process ends
        control.crash(node, `crash ${name}`);
        control.repair(node, repairTime, () => {
          control.restore(node);
          control.schedule(control.now() + failureTime(), fail);
        });
      };
      control.schedule(control.now() + failureTime(), fail);
    };
    for (const node of control.select(spec.nodes)) start(node);
    // A node added later that the selector names (its group, *, its zone) crashes and is repaired the same way, on
    // its own streams, its first time to failure counted from its addition.
    control.onNodeAdded((node) => {
      if (control.selects(spec.nodes, node)) start(node);
    });
  },
  expectedEvents(spec, nodes, window) {
    const cycle = distMean(spec.timeToFailure) + distMean(spec.timeToRepair);
    return {
      count: (nodes * (window.end - window.start)) / cycle,
      event: 'crash',
      events: 'crashes',
      nodes,
      cycle: { seconds: cycle, name: 'crash-and-repair cycle' },
      key: 'timeToFailure',
      figures: 'the availability figures',
    };
  },
};
