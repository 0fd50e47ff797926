import { Type, type TSchema } from '@sinclair/typebox';
import type { TierSpec } from '../../../../model/spec.js';
import { VALID } from '../../../../scenario/schema-parts.js';
import { activePassive } from './active-passive.js';
import { backupRestore } from './backup-restore.js';
import { pilotLight } from './pilot-light.js';
import type { TierContext, TierDefinition, TierRuntime } from './tier.js';
import { warmStandby } from './warm-standby.js';

/**
 * The disaster-recovery tiers, cheapest first, as the AWS whitepaper "Disaster Recovery of Workloads on AWS:
 * Recovery in the Cloud" orders them in "Disaster recovery options in the cloud"
 * (https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html).
 */
const TIERS: readonly TierDefinition<never>[] = [backupRestore, pilotLight, warmStandby, activePassive] as unknown as TierDefinition<never>[];

export const TIER_KINDS = TIERS.map((tier) => tier.kind);

function tierOf(kind: string): TierDefinition | undefined {
  return (TIERS as readonly TierDefinition[]).find((tier) => tier.kind === kind);
}

/** `standby.tier`: one closed mapping per tier, told apart by `kind`. */
export const TierSchema: TSchema = Type.Union(
  TIERS.map((tier) => tier.schema),
  {
    description: `The disaster-recovery tier: kind ${TIER_KINDS.join(', ')} (default active-passive).`,
    [VALID]: `a mapping with kind: ${TIER_KINDS.join(', ')}`,
  },
);

export { tierOf };

/** Builds the runtime of `spec`'s tier. */
export function createTier(spec: TierSpec, context: TierContext): TierRuntime {
  const tier = tierOf(spec.kind);
  if (tier === undefined) throw new Error(`standby tier '${spec.kind}' is not registered`);
  return tier.create(spec, context);
}
