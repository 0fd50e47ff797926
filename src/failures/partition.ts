import type { FailureSpec } from '../model/spec.js';
import { expectedEpisodeEvents, scheduleNodeEpisodes } from './episodes.js';
import type { FailureModelDefinition } from './failure-model.js';

type PartitionSpec = Extract<FailureSpec, { kind: 'partition' }>;

/**
 * A network partition: the selected nodes keep running, cut off as one group: they reach one another, but neither
 * the dispatcher and its clients nor the other nodes.
 */
export const partitionModel: FailureModelDefinition<PartitionSpec> = {
  kind: 'partition',
  description: 'The selected nodes are cut off as one group for a while (requests, replies, heartbeats and messages to other nodes lost).',
  install(spec, control, index) {
    const cause = `partition ${spec.nodes}`;
    scheduleNodeEpisodes(
      control,
      index,
      'partition',
      spec,
      (members) => control.cut(members, cause),
      (cut) => control.heal(cut),
    );
  },
  expectedEvents: (spec, _nodes, window) =>
    expectedEpisodeEvents(spec, window, {
      event: 'partition',
      events: 'partitions',
      cycle: 'gap-and-partition cycle',
      key: 'timeBetween',
      figures: 'the availability figures',
    }),
};
