import { createSampler, type DistSpec } from '../engine/distributions/index.js';
import type { ClusterControl } from '../model/cluster-control.js';

/**
 * Runs `begin` / `end` episodes: at each fixed time in `at` (each lasting `duration`), and, when `timeBetween` is
 * given, as a renewal process (a gap, an episode, a gap ...). Shared by the domain, partition and slow models.
 */
export function scheduleEpisodes(
  control: ClusterControl,
  streamName: string,
  options: { at?: number[]; timeBetween?: DistSpec; duration: DistSpec },
  begin: () => void,
  end: () => void,
): void {
  const duration = createSampler(options.duration, control.stream(`${streamName}/duration`));
  for (const time of options.at ?? []) {
    control.schedule(time, () => {
      begin();
      control.schedule(control.now() + duration(), end);
    });
  }
  if (options.timeBetween) {
    const gap = createSampler(options.timeBetween, control.stream(`${streamName}/between`));
    const episode = () => {
      begin();
      control.schedule(control.now() + duration(), () => {
        end();
        control.schedule(control.now() + gap(), episode);
      });
    };
    control.schedule(gap(), episode);
  }
}
