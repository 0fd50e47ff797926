import { createSampler, distMean, type DistSpec } from '../engine/distributions/index.js';
import type { ClusterControl } from '../model/cluster-control.js';
import type { NodeSelector } from '../model/spec.js';
import type { ExpectedEvents } from './failure-model.js';

/**
 * Expected episodes in [start, end): the fixed times inside it, plus the renewal process's (end - start) over its
 * mean cycle (gap + episode), its long-run rate (renewal-reward theorem; Ross, Stochastic Processes, 3.6).
 */
export function expectedEpisodes(
  options: { at?: number[]; timeBetween?: DistSpec; duration?: DistSpec },
  window: { start: number; end: number },
): { count: number; cycle?: number } {
  const fixed = (options.at ?? []).filter((t) => t >= window.start && t < window.end).length;
  if (!options.timeBetween) return { count: fixed };
  const cycle = distMean(options.timeBetween) + (options.duration ? distMean(options.duration) : 0);
  return { count: fixed + (window.end - window.start) / cycle, cycle };
}

/**
 * What an episodic model expects in the window (expectedEpisodes), named for the rare-event warning: `names.cycle`
 * names its mean cycle ("gap-and-partition cycle").
 */
export function expectedEpisodeEvents(
  options: { at?: number[]; timeBetween?: DistSpec; duration?: DistSpec },
  window: { start: number; end: number },
  names: { event: string; events: string; cycle: string; key: string; figures: string },
): ExpectedEvents {
  const { count, cycle } = expectedEpisodes(options, window);
  const { event, events, key, figures } = names;
  return { count, event, events, cycle: cycle === undefined ? undefined : { seconds: cycle, name: names.cycle }, key, figures };
}

/**
 * Runs `begin` / `end` episodes: at each fixed time in `at` (each lasting `duration`), and, when `timeBetween` is
 * given, as a renewal process (a gap, an episode, a gap ...). Shared by the domain, partition and slow models.
 * Episodes may overlap (two times in `at` closer than a duration, or the renewal process and `at`): each `end` gets
 * what its own `begin` returned.
 */
export function scheduleEpisodes<Started = void>(
  control: ClusterControl,
  streamName: string,
  options: { at?: number[]; timeBetween?: DistSpec; duration: DistSpec },
  begin: () => Started,
  end: (started: Started) => void,
): void {
  const duration = createSampler(options.duration, control.stream(`${streamName}/duration`));
  for (const time of options.at ?? []) {
    control.schedule(time, () => {
      const started = begin();
      control.schedule(control.now() + duration(), () => end(started));
    });
  }
  if (options.timeBetween) {
    const gap = createSampler(options.timeBetween, control.stream(`${streamName}/between`));
    const episode = () => {
      const started = begin();
      control.schedule(control.now() + duration(), () => {
        end(started);
        control.schedule(control.now() + gap(), episode);
      });
    };
    control.schedule(gap(), episode);
  }
}

/**
 * Episodes of failure model number `index` of kind `kind` acting on the nodes `spec.nodes` names, drawn from the
 * streams `failures/<index>/<kind>/...`: `begin` gets the selected nodes; `end` what `begin` returned.
 */
export function scheduleNodeEpisodes<Started = void>(
  control: ClusterControl,
  index: number,
  kind: string,
  spec: { nodes: NodeSelector; at?: number[]; timeBetween?: DistSpec; duration: DistSpec },
  begin: (members: number[]) => Started,
  end: (started: Started, members: number[]) => void,
): void {
  const members = control.select(spec.nodes);
  scheduleEpisodes(control, `failures/${index}/${kind}`, spec, () => begin(members), (started) => end(started, members));
}
