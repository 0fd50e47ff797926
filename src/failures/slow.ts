import type { FailureSpec } from '../model/spec.js';
import { expectedEpisodeEvents, scheduleNodeEpisodes } from './episodes.js';
import type { FailureModelDefinition } from './failure-model.js';

type SlowSpec = Extract<FailureSpec, { kind: 'slow' }>;

/** Gray failure: the selected nodes keep answering, at `factor` x their speed, heartbeats included. */
export const slowModel: FailureModelDefinition<SlowSpec> = {
  kind: 'slow',
  description: 'The selected nodes run at factor x their speed for a while (gray failure).',
  install(spec, control, index) {
    const cause = `slow ${spec.nodes} x${spec.factor}`;
    scheduleNodeEpisodes(
      control,
      index,
      'slow',
      spec,
      (members) => members.forEach((node) => control.slow(node, spec.factor, cause)),
      (_started, members) => members.forEach((node) => control.unslow(node, spec.factor)),
    );
  },
  expectedEvents: (spec, _nodes, window) =>
    expectedEpisodeEvents(spec, window, {
      event: 'slowdown',
      events: 'slowdowns',
      cycle: 'gap-and-slowdown cycle',
      key: 'timeBetween',
      figures: 'the degraded-response figures',
    }),
};
