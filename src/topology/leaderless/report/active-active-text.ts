import { formatDuration, formatEstimate } from '../../../report/format.js';
import type { ActiveActiveFigure, ActiveActiveSummary } from '../sections/active-active-figures.js';

export const ACTIVE_ACTIVE_INTRO =
  'Active/active outages (a whole region lost; docs/disaster-recovery.md): per outage, mean over replications with ' +
  "its 95 % CI and the largest. Detection: from the loss to the detector suspecting the region's last node; " +
  "redirection: from there to the lost region's clients' first answered write, through another region's coordinators; " +
  'RTO: from the loss to that write (read). RPO: acknowledged writes with no copy outside the lost region (a copy ' +
  "already sent lands even if its sender crashes). Other regions' failed requests: 0 means their clients never lost " +
  'service (their RTO is 0). Cost: node-hours per replication of the nodes outside the lost region.';

export const ACTIVE_ACTIVE_HEADER = ['figure', 'mean', 'CI 95%', 'max'];

export function activeActiveRows(s: ActiveActiveSummary): string[][] {
  const row = (name: string, figure: ActiveActiveFigure, format: (x: number) => string) => {
    const f = formatEstimate(figure.mean, format);
    return [name, f.value, f.ci, figure.max === null ? '-' : format(figure.max)];
  };
  const count = (x: number) => x.toFixed(1);
  const hours = formatEstimate(s.cost.secondRegionNodeHours, (x) => x.toFixed(2));
  const outages = formatEstimate(s.outages, count);
  return [
    ['outages per replication', outages.value, outages.ci, '-'],
    row('RPO: acknowledged writes lost', s.rpo.writesLost, count),
    row('detection', s.rto.detection, formatDuration),
    row('redirection', s.rto.redirection, formatDuration),
    row("RTO: lost region's first write", s.rto.write, formatDuration),
    row("RTO: lost region's first read", s.rto.read, formatDuration),
    row("other regions' failed requests", s.otherRegionsFailed, count),
    ['second region node-hours', hours.value, hours.ci, '-'],
  ];
}
