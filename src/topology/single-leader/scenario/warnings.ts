import { distMean } from '../../../engine/distributions/index.js';
import { meanArrivalRate } from '../../../model/arrivals.js';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../../../model/spec.js';
import type { Findings } from '../../../scenario/issues.js';
import { bytes, percent, round, seconds, sum } from '../../../scenario/wording.js';
import { DEFAULT_DECISION_WORK } from './defaults.js';

/**
 * With a single leader, every write (and every read, with `reads: leader`) is served by one node, whichever wins the
 * election: the whole cluster's capacity is no guide. Checked against the smallest node, as any node may lead.
 */
export function warnLeaderOverload(spec: ScenarioSpec, topology: SingleLeaderTopologySpec, findings: Findings): void {
  if (topology.mode === 'scheduler') {
    // The leader serves one scheduling decision per task, whatever the task's own work (the workers do that).
    const rate = sum(spec.workload.map((c) => meanArrivalRate(c.arrivals)));
    const decisionWork = topology.decisionWork ?? DEFAULT_DECISION_WORK;
    const leaderCapacity = Math.min(...spec.nodes.distinct((n) => n.cores * n.speed));
    warnLeaderNicOverload(spec, rate, findings);
    if (!Number.isFinite(rate) || rate * decisionWork < leaderCapacity) return;
    findings.warning({
      path: ['workload'],
      rule:
        `the scheduling decisions offer ${percent((rate * decisionWork) / leaderCapacity)} of the leader's capacity ` +
        `(${round(rate)} tasks/s, each ${seconds(decisionWork)} of work, to a node that serves ${round(leaderCapacity)}): ` +
        `the leader saturates at ${round(leaderCapacity / decisionWork)} tasks/s and its queue grows for as long as the run lasts`,
      valid: 'below 100 %: faster or more cores per node, a smaller topology.decisionWork, or lower task rates',
    });
    return;
  }
  const atLeader = spec.workload.filter((c) => c.op === 'write' || topology.reads === 'leader');
  const offered = sum(atLeader.map((c) => meanArrivalRate(c.arrivals) * distMean(c.work)));
  const capacity = Math.min(...spec.nodes.distinct((n) => n.cores * n.speed));
  const total = spec.nodes.sumOf((n) => n.cores * n.speed);
  if (!Number.isFinite(offered) || offered < capacity || offered >= total) return; // the cluster-wide warning says it
  const what = topology.reads === 'leader' ? 'writes and reads' : 'writes';
  findings.warning({
    path: ['workload'],
    rule:
      `the ${what} the leader serves offer ${percent(offered / capacity)} of one node's capacity (${round(offered)} ` +
      `work-seconds/s to a node that serves ${round(capacity)}): with topology single-leader they all go to the ` +
      'leader, so its queue grows for as long as the run lasts',
    valid: `below 100 %: faster or more cores per node, lower write rates or work${topology.reads === 'leader' ? ', or reads: any' : ''}`,
  });
}

/**
 * Scheduler mode: every task's body crosses the leader's NIC twice (in from the client, out to its worker), so the
 * leader's NIC saturates at bandwidth / (2 x mean size) tasks per second. Checked against the smallest bandwidth.
 */
function warnLeaderNicOverload(spec: ScenarioSpec, rate: number, findings: Findings): void {
  const size = sum(spec.workload.map((c) => meanArrivalRate(c.arrivals) * distMean(c.size))) / rate;
  const bandwidth = Math.min(...spec.nodes.distinct((n) => n.bandwidth));
  if (!Number.isFinite(rate) || !Number.isFinite(bandwidth) || !(size > 0) || rate * 2 * size < bandwidth) return;
  findings.warning({
    path: ['workload'],
    rule:
      `the task bodies offer ${percent((rate * 2 * size) / bandwidth)} of the leader's NIC (${round(rate)} tasks/s of ` +
      `${bytes(size)}, each in from the client and out to a worker, through ${bytes(bandwidth)}/s): the leader ` +
      `saturates at ${round(bandwidth / (2 * size))} tasks/s and its NIC's queue grows for as long as the run lasts`,
    valid: 'below 100 %: more bandwidth per node, smaller task sizes, or lower task rates',
  });
}
