import type { FailureSpec } from '../model/spec.js';
import { scheduleEpisodes } from './episodes.js';
import type { FailureModelDefinition } from './failure-model.js';

type PartitionSpec = Extract<FailureSpec, { kind: 'partition' }>;

/** A network partition: the selected nodes keep running but nothing crosses between them and the dispatcher. */
export const partitionModel: FailureModelDefinition<PartitionSpec> = {
  kind: 'partition',
  description: 'The selected nodes are cut off from the dispatcher for a while (requests, replies, heartbeats lost).',
  install(spec, control, index) {
    const members = control.select(spec.nodes);
    const cause = `partition ${spec.nodes}`;
    scheduleEpisodes(
      control,
      `failures/${index}/partition`,
      spec,
      () => members.forEach((node) => control.cut(node, cause)),
      () => members.forEach((node) => control.heal(node)),
    );
  },
};
