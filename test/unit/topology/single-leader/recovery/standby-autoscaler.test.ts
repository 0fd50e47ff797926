/**
 * A warm standby sized by an autoscaler (issue 14: "warm standby: scaled-down standby that scales up after
 * promotion: uses the autoscaler if present, a scripted step otherwise"): `standby.tier.autoscaler` is a controller
 * of src/scaling/ (here target tracking, the Kubernetes HPA arithmetic of src/scaling/hpa.ts) over the standby
 * region's nodes, between the tier's `nodes` and the standby's full size, with its provisioning delay and cost.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../../src/scenario/index.js';
import type { RecoveryOutcome } from '../../../../../src/topology/single-leader/recovery/standby.js';
import { simulate } from '../../../../helpers/simulate.js';
import { regionLoss, standbyStoreScenario } from '../../../../helpers/standby-store.js';

const AUTOSCALER = '{ controller: target-tracking, metric: utilization, target: 50%, syncPeriod: 15s, window: 5s, provisioning: 10s }';

function scenario(tier: string): string {
  return standbyStoreScenario({
    name: 'standby-autoscaler',
    seed: 23,
    duration: '100s',
    replications: 2,
    standby: ['nodes: 4', 'cores: 1', `tier: ${tier}`],
    writes: { rate: '350/s' },
    failures: regionLoss('us-east', '15s', '1h'),
  });
}

describe('a warm standby scaled by its autoscaler', () => {
  /**
   * After the redirection the standby serves 350 writes/s and 350 reads/s of 1 ms (exponential): 0.7 busy cores.
   * On its one node of one core that is a utilization of 0.7 against a target of 0.5: the HPA asks for
   * ceil(0.7 / 0.5 x 1) = 2 nodes (kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go, as
   * src/scaling/hpa.ts does it), and at 2 nodes (0.35 each, |1 - 0.35 / 0.5| = 0.3 above the 0.1 tolerance)
   * ceil(0.7 x 2) = 2 again: it stays at 2 of the full 4. Even the clients' retries of the outage arriving at once
   * cannot ask for more: a utilization of at most 1 gives ceil(1 / 0.5) = 2. Before the redirection the standby is
   * idle and held at min, 1 node. The second node is requested (and billed) at the first sync, every 15 s, whose
   * 5 s reading (the window) is loaded enough (0.7 x the loaded share of it > 0.55): between the redirection and
   * 20 s after it. It is ready 10 s later, before the next reading starts, so that reading sees the two nodes at
   * 0.35 (a 15 s window would still see the first node alone for 10 s of it, read 0.58 and ask for a third). So the
   * standby's node-hours over the 95 s window are one node throughout plus one from that request to the end; a
   * scripted step to the full 4 nodes, or no scaling, would fall outside.
   */
  it('scales the promoted standby to what its load needs, with the provisioning and the cost', () => {
    const loaded = loadScenario(scenario(`{ kind: warm-standby, nodes: 1, autoscaler: ${AUTOSCALER} }`), { file: 'standby-autoscaler.yaml' });
    expect(loaded.errors).toEqual([]);
    const { outcomes } = simulate(loaded.spec!);
    for (const outcome of outcomes) {
      const recovery = outcome.sections.recovery as RecoveryOutcome;
      const [outage] = recovery.outages;
      const redirectedAt = outage.at + outage.detection + outage.promotion + outage.preparation + outage.redirection;
      const window = 95;
      expect(recovery.cost.standbyNodeHours).toBeGreaterThanOrEqual((window + (window - (redirectedAt + 20))) / 3600);
      expect(recovery.cost.standbyNodeHours).toBeLessThanOrEqual((window + (window - redirectedAt)) / 3600);
    }
  });

  it('the scripted step stays the default; exactly one of scaleUp and autoscaler; no scale-to-zero', () => {
    const errors = (tier: string) => loadScenario(scenario(tier), { file: 's.yaml' }).errors.map((e) => `${e.path}: ${e.rule}`);
    expect(errors('{ kind: warm-standby, nodes: 1, scaleUp: 1min }')).toEqual([]);
    expect(errors('{ kind: warm-standby, nodes: 1 }')).toEqual(['topology.standby.tier: missing scaleUp or autoscaler: how the standby scales up']);
    expect(errors(`{ kind: warm-standby, nodes: 1, scaleUp: 1min, autoscaler: ${AUTOSCALER} }`)).toEqual([
      'topology.standby.tier.autoscaler: given with scaleUp: the standby scales one way',
    ]);
    expect(errors('{ kind: warm-standby, nodes: 1, autoscaler: { controller: scale-to-zero } }')).toEqual([
      'topology.standby.tier.autoscaler.controller: not for a standby: scale-to-zero starts nodes for requests that wait for one, and the standby\u2019s wait in its queue',
    ]);
    expect(errors('{ kind: warm-standby, nodes: 1, autoscaler: { controller: target-tracking, target: 30%, min: 2 } }')).toEqual([
      expect.stringMatching(/^topology\.standby\.tier\.autoscaler\.min: unknown key/),
    ]);
  });
});
