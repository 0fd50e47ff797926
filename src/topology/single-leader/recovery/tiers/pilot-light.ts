import { Type } from '@sinclair/typebox';
import { createSampler } from '../../../../engine/distributions/index.js';
import type { DistSpec } from '../../../../engine/distributions/spec.js';
import { resolveDistribution } from '../../../../scenario/resolve-distribution.js';
import { Distribution } from '../../../../scenario/schema-distributions.js';
import { Closed, Int } from '../../../../scenario/schema-parts.js';
import type { TierDefinition } from './tier.js';

type PilotLight = { kind: 'pilot-light'; replicas: number; provisioning: DistSpec };

/**
 * Pilot light: the data is replicated as for active/passive into `replicas` data nodes that do not serve; the serving
 * nodes are provisioned after the promotion (a drawn delay, stream `recovery/provisioning`), then the clients are
 * redirected. Its RTO is active/passive's plus the provisioning.
 */
export const pilotLight: TierDefinition<PilotLight> = {
  kind: 'pilot-light',
  schema: Closed(
    {
      kind: Type.Literal('pilot-light', { description: 'Data replicated, serving nodes provisioned after the promotion.' }),
      replicas: Type.Optional(Int(1, { description: 'Data nodes running before the failover (they do not serve). Default 1.' })),
      provisioning: Distribution('duration', 'From the end of the promotion to the provisioned nodes serving.'),
    },
    { description: 'Pilot light: the data replicated, no serving capacity until nodes are provisioned.' },
  ),
  resolve(raw, path, findings) {
    const provisioning = resolveDistribution(raw.provisioning, [...path, 'provisioning'], 'duration', findings);
    if (provisioning === undefined) return undefined;
    const replicas = typeof raw.replicas === 'number' ? raw.replicas : 1;
    return { kind: 'pilot-light', replicas, provisioning };
  },
  create(spec, { shipping, fullNodes, streams }) {
    const provisioning = createSampler(spec.provisioning, streams.stream('recovery/provisioning'));
    return {
      acknowledged: (now, bytes) => shipping.ship(now, bytes),
      cut: (at) => shipping.cut(at),
      idleNodes: Math.min(spec.replicas, fullNodes),
      promotedNodes: fullNodes,
      preparation: provisioning,
      scaleUp: () => null,
    };
  },
};
