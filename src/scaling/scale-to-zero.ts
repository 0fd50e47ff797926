import { createSampler } from '../engine/distributions/index.js';
import type { ScaleToZeroSpec } from '../model/spec.js';
import type { ScalingControllerDefinition } from './controller.js';

/**
 * Scale to zero, as a serverless platform does it (Knative Serving's activator and autoscaler, simplified): the
 * group starts at `min` (its scenario nodes above `min` leave at time 0, costing nothing); a request that finds no
 * node to take it waits (runtime/waiting-room.ts, at most its client's timeout), and the first such request starts
 * a node unless one of the group's nodes is not ready (on its way, or down), if the group has fewer than `max` (a
 * cold start: it serves after a draw of `provisioning`, and the waiting requests go to it oldest first). A node that has held nothing for
 * `idleTimeout` is removed, down to `min`. With `max: 1` and `idleTimeout: 0s` this is the M/G/1 queue whose busy
 * periods begin with a setup time (Welch 1964). It only sizes the group from zero: while a node takes requests,
 * none waits, and nothing more is added (docs/scaling.md).
 */
export const scaleToZero: ScalingControllerDefinition<ScaleToZeroSpec> = {
  kind: 'scale-to-zero',
  description: 'No node until a request waits for one (a cold start); a node idle for idleTimeout leaves, down to min.',
  keys: ['idleTimeout'],
  lowestMin: 0,
  install(spec, control, index) {
    const provisioning = createSampler(spec.provisioning, control.stream(`scaling/${index}/provisioning`));
    const size = () => {
      const { ready, unready } = control.members(spec.group);
      return { count: ready.length + unready.length, ready, unready };
    };

    // Scheduled, not done now: every consumer of the node set has subscribed by the time the run starts.
    control.schedule(0, () => {
      const { count, ready, unready } = size();
      const newestFirst = [...unready.reverse(), ...ready.reverse()];
      for (const node of newestFirst.slice(0, Math.max(0, count - spec.min))) control.removeNode(node, 0);
    });

    control.onRequestWaiting(() => {
      const { count, unready } = size();
      if (unready.length > 0 || count >= spec.max) return;
      control.recordAction('up');
      control.recordColdStart();
      control.addNode(spec.group, provisioning());
    });

    // The time each node last came to hold nothing: a later idle moment, or work in between, voids an earlier check.
    const idleSince = new Map<number, number>();
    control.onNodeIdle(spec.group, (node) => {
      const since = control.now();
      idleSince.set(node, since);
      control.schedule(since + spec.idleTimeout, () => {
        if (idleSince.get(node) !== since || !control.isReady(node) || !control.holdsNothing(node)) return;
        if (size().count <= spec.min) return;
        idleSince.delete(node);
        control.recordAction('down');
        control.removeNode(node, spec.drain);
      });
    });
  },
};
