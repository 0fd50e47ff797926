import type { FailureSpec } from '../model/spec.js';
import { scheduleEpisodes } from './episodes.js';
import type { FailureModelDefinition } from './failure-model.js';

type DomainSpec = Extract<FailureSpec, { kind: 'domain' }>;

/** Correlated failure: every node of a domain (a zone, a rack, any selector) goes down and comes back together. */
export const domainModel: FailureModelDefinition<DomainSpec> = {
  kind: 'domain',
  description: 'A failure domain (zone, rack) goes down as one, at its own rate or at given times.',
  install(spec, control, index) {
    const members = control.select(spec.nodes);
    const cause = `outage ${spec.nodes}`;
    scheduleEpisodes(
      control,
      `failures/${index}/domain`,
      {
        at: spec.at,
        timeBetween: spec.timeToFailure,
        duration: spec.timeToRepair ?? { dist: 'constant', value: spec.duration ?? 0 },
      },
      () => members.forEach((node) => control.crash(node, cause)),
      () => members.forEach((node) => control.restore(node)),
    );
  },
};
