import type { Estimate } from '../metrics/confidence.js';

/**
 * One variant's disaster-recovery tier as a point of `clustersim compare` across tiers (issue 14): what it buys (RPO,
 * RTO) against what its second region costs, whatever the topology that runs it. A section that has such figures
 * says so through `SectionDefinition.recoveryPoint`; the comparison draws every tier on one table and chart.
 */
export interface RecoveryPoint {
  /** The tier's name as the table shows it (a standby's `standby.tier.kind`, "active/active (leaderless)"). */
  tier: string;
  /** Acknowledged writes lost per outage, mean over replications. */
  writesLost: Estimate;
  /** From the loss to the first successful write of the clients who lost their region, mean over replications. */
  rtoWrite: Estimate;
  /** Node-hours per replication of what the tier runs beyond the primary region: the standby, or a second active region. */
  secondRegionNodeHours: Estimate;
  /** The primary region's node-hours, where the tier has one (null: not measured). */
  primaryNodeHours: Estimate | null;
  /** The p99 response time of the requests a promoted standby served (null: no standby). */
  standbyP99: Estimate | null;
}

/** A variant of a comparison as the sections' comparison hooks see it: its summary.json and its tier's point. */
export interface ComparedSummary<Summary = unknown> {
  name: string;
  summary: Summary;
  /** Its disaster-recovery point, from the first section that has one (undefined: none). */
  recovery?: RecoveryPoint;
}

/** What an active/active tier's summary gives of its outages: no standby, so no primary node-hours and no standby p99. */
export interface ActiveActiveRecovery {
  tier: string;
  rpo: { writesLost: { mean: Estimate } };
  rto: { write: { mean: Estimate } };
  cost: { secondRegionNodeHours: Estimate };
}

/** An active/active tier's outage figures as a point of the comparison (null: no outage figures in this summary). */
export function activeActiveRecoveryPoint(recovery: ActiveActiveRecovery | undefined): RecoveryPoint | null {
  if (recovery === undefined) return null;
  return {
    tier: recovery.tier,
    writesLost: recovery.rpo.writesLost.mean,
    rtoWrite: recovery.rto.write.mean,
    secondRegionNodeHours: recovery.cost.secondRegionNodeHours,
    primaryNodeHours: null,
    standbyP99: null,
  };
}
