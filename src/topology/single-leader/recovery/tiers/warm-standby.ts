import { Type } from '@sinclair/typebox';
import { createSampler } from '../../../../engine/distributions/index.js';
import type { DistSpec } from '../../../../engine/distributions/spec.js';
import { resolveDistribution } from '../../../../scenario/resolve-distribution.js';
import { Distribution } from '../../../../scenario/schema-distributions.js';
import { Closed, Int } from '../../../../scenario/schema-parts.js';
import type { TierDefinition } from './tier.js';

type WarmStandby = { kind: 'warm-standby'; nodes: number; scaleUp: DistSpec };

/**
 * Warm standby: a scaled-down copy (`nodes` of the full size) runs and receives every write; it serves right after
 * the redirection, then is scaled up to the full size by a scripted step `scaleUp` after it (stream
 * `recovery/scale-up`). Its latency while small shows in the report: the standby's cores are a queue.
 */
export const warmStandby: TierDefinition<WarmStandby> = {
  kind: 'warm-standby',
  schema: Closed(
    {
      kind: Type.Literal('warm-standby', { description: 'A scaled-down standby that serves at once, then scales up.' }),
      nodes: Int(1, { description: 'Nodes running before the failover, serving from the redirection; >= 1.' }),
      scaleUp: Distribution('duration', 'From the redirection to the full size (standby.nodes) serving.'),
    },
    { description: 'Warm standby: a scaled-down standby kept in sync, scaled up after the failover.' },
  ),
  resolve(raw, path, findings) {
    const scaleUp = resolveDistribution(raw.scaleUp, [...path, 'scaleUp'], 'duration', findings);
    if (scaleUp === undefined || typeof raw.nodes !== 'number') return undefined;
    return { kind: 'warm-standby', nodes: raw.nodes, scaleUp };
  },
  create(spec, { shipping, fullNodes, streams }) {
    const scaleUp = createSampler(spec.scaleUp, streams.stream('recovery/scale-up'));
    const nodes = Math.min(spec.nodes, fullNodes);
    return {
      acknowledged: (now, bytes) => shipping.ship(now, bytes),
      cut: (at) => shipping.cut(at),
      idleNodes: nodes,
      promotedNodes: nodes,
      preparation: () => 0,
      scaleUp: () => (nodes < fullNodes ? scaleUp() : null),
    };
  },
};
