import { Type } from '@sinclair/typebox';
import { createSampler } from '../../../../engine/distributions/index.js';
import type { TierSpec } from '../../../../model/spec.js';
import { resolveScalingPolicy } from '../../../../scenario/resolve-scaling.js';
import { ScalingPolicySchema } from '../../../../scenario/schema-scaling.js';
import { resolveDistribution } from '../../../../scenario/resolve-distribution.js';
import { Distribution } from '../../../../scenario/schema-distributions.js';
import { Closed, Int } from '../../../../scenario/schema-parts.js';
import type { TierDefinition } from './tier.js';

type WarmStandby = Extract<TierSpec, { kind: 'warm-standby' }>;

/**
 * Warm standby: a scaled-down copy (`nodes` of the full size) runs and receives every write; it serves right after
 * the redirection, then is scaled up to the full size by a scripted step `scaleUp` after it (stream
 * `recovery/scale-up`), or, with `autoscaler`, by that controller of src/scaling/ as the load it serves calls for
 * (`recovery/standby-scaling.ts`). Its latency while small shows in the report: the standby's cores are a queue.
 */
export const warmStandby: TierDefinition<WarmStandby> = {
  kind: 'warm-standby',
  schema: Closed(
    {
      kind: Type.Literal('warm-standby', { description: 'A scaled-down standby that serves at once, then scales up.' }),
      nodes: Int(1, { description: 'Nodes running before the failover, serving from the redirection; >= 1.' }),
      scaleUp: Type.Optional(Distribution('duration', 'A scripted step: from the redirection to the full size (standby.nodes) serving.')),
      autoscaler: Type.Optional(ScalingPolicySchema),
    },
    { description: 'Warm standby: a scaled-down standby kept in sync, scaled up after the failover.' },
  ),
  resolve(raw, path, findings) {
    if ((raw.scaleUp === undefined) === (raw.autoscaler === undefined)) {
      const both = raw.scaleUp !== undefined;
      findings.error({
        path: both ? [...path, 'autoscaler'] : path,
        anchor: both ? 'key' : 'value',
        ...(both ? { value: 'autoscaler' } : {}),
        rule: both ? 'given with scaleUp: the standby scales one way' : 'missing scaleUp or autoscaler: how the standby scales up',
        valid: 'scaleUp: <duration> (a scripted step) or autoscaler: { controller, ... } (a controller of scaling[])',
      });
      return undefined;
    }
    if (typeof raw.nodes !== 'number') return undefined;
    if (raw.autoscaler !== undefined) {
      // Its bounds are the tier's nodes and the standby's full size, set at run time (`create`).
      const autoscaler = resolveScalingPolicy(raw.autoscaler, [...path, 'autoscaler'], { group: 'standby', min: 1, max: 1 }, findings);
      return autoscaler === undefined ? undefined : { kind: 'warm-standby', nodes: raw.nodes, autoscaler };
    }
    const scaleUp = resolveDistribution(raw.scaleUp, [...path, 'scaleUp'], 'duration', findings);
    return scaleUp === undefined ? undefined : { kind: 'warm-standby', nodes: raw.nodes, scaleUp };
  },
  create(spec, { shipping, fullNodes, streams }) {
    const nodes = Math.min(spec.nodes, fullNodes);
    const scaleUp = spec.scaleUp === undefined ? null : createSampler(spec.scaleUp, streams.stream('recovery/scale-up'));
    return {
      acknowledged: (now, bytes) => shipping.ship(now, bytes),
      cut: (at) => shipping.cut(at),
      idleNodes: nodes,
      promotedNodes: nodes,
      preparation: () => 0,
      scaleUp: () => (scaleUp !== null && nodes < fullNodes ? scaleUp() : null),
      ...(spec.autoscaler === undefined ? {} : { autoscaler: { ...spec.autoscaler, min: nodes, max: fullNodes } }),
    };
  },
};
