import { Type } from '@sinclair/typebox';
import { Closed } from '../../../../scenario/schema-parts.js';
import type { TierDefinition } from './tier.js';

/**
 * Multi-site active/passive (the AWS whitepaper's "multi-site active/active" run with one site passive): the full
 * standby runs all the time, fed by asynchronous log shipping, and serves at once after the promotion.
 */
export const activePassive: TierDefinition<{ kind: 'active-passive' }> = {
  kind: 'active-passive',
  schema: Closed(
    { kind: Type.Literal('active-passive', { description: 'The full standby runs and receives every write (the default).' }) },
    { description: 'Active/passive: a full-size standby kept in sync by log shipping.' },
  ),
  resolve: () => ({ kind: 'active-passive' }),
  create: (_spec, { shipping, fullNodes }) => ({
    acknowledged: (now, bytes) => shipping.ship(now, bytes),
    cut: (at) => shipping.cut(at),
    idleNodes: fullNodes,
    promotedNodes: fullNodes,
    preparation: () => 0,
    scaleUp: () => null,
  }),
};
