import type { ScalingControl } from './scaling-control.js';

/**
 * Brings `group` from `current` (its ready and unready nodes, in id order) to `next` nodes, as one action: added
 * nodes provision for a draw of `provisioning` each; removed ones are those not ready first, then the newest
 * (highest id), drained for up to `drain`.
 */
export function resize(
  control: ScalingControl,
  group: string,
  members: { ready: number[]; unready: number[] },
  next: number,
  provisioning: () => number,
  drain: number,
): void {
  const current = members.ready.length + members.unready.length;
  if (next > current) {
    control.recordAction('up');
    for (let i = current; i < next; i++) control.addNode(group, provisioning());
  } else if (next < current) {
    control.recordAction('down');
    const newestFirst = [...members.unready].reverse().concat([...members.ready].reverse());
    for (const node of newestFirst.slice(0, current - next)) control.removeNode(node, drain);
  }
}
