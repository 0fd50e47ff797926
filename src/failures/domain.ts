import type { FailureSpec } from '../model/spec.js';
import { expectedEpisodeEvents, scheduleEpisodes } from './episodes.js';
import type { FailureModelDefinition } from './failure-model.js';

type DomainSpec = Extract<FailureSpec, { kind: 'domain' }>;

/** Correlated failure: every node of a domain (a zone, a rack, any selector) goes down and comes back together. */
export const domainModel: FailureModelDefinition<DomainSpec> = {
  kind: 'domain',
  description: 'A failure domain (zone, rack) goes down as one, at its own rate or at given times.',
  install(spec, control, index) {
    const members = control.select(spec.nodes);
    const cause = `outage ${spec.nodes}`;
    const down = () => members.forEach((node) => control.crash(node, cause));
    const up = () => members.forEach((node) => control.restore(node));
    // Scheduled outages last `duration`; random ones `timeToRepair`: a domain may have both.
    if (spec.at && spec.duration !== undefined) {
      const duration = { dist: 'constant', value: spec.duration } as const;
      scheduleEpisodes(control, `failures/${index}/domain/at`, { at: spec.at, duration }, down, up);
    }
    if (spec.timeToFailure && spec.timeToRepair) {
      const random = { timeBetween: spec.timeToFailure, duration: spec.timeToRepair };
      scheduleEpisodes(control, `failures/${index}/domain`, random, down, up);
    }
  },
  expectedEvents(spec, _nodes, window) {
    const at = spec.duration !== undefined ? spec.at : undefined;
    const random = spec.timeToRepair ? { timeBetween: spec.timeToFailure, duration: spec.timeToRepair } : {};
    return expectedEpisodeEvents({ at, ...random }, window, {
      event: 'outage',
      events: 'outages',
      cycle: 'outage-and-repair cycle',
      key: 'timeToFailure',
      figures: 'the availability figures',
    });
  },
};
