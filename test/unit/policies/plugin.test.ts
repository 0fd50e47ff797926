/**
 * User plug-in policies (issue 4, part 3): a module named in the scenario implements the same PolicyDefinition
 * interface as the built-in ones. The example under examples/ is run here, and bad modules are reported by name.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicyModule, PluginError } from '../../../src/policies/plugin.js';
import { cluster, exponential } from '../../helpers/scenarios.js';
import { runScenarioChecked } from '../../helpers/simulate.js';

const example = fileURLToPath(new URL('../../../examples/least-loaded-of-two-zones.mjs', import.meta.url));
const broken = fileURLToPath(new URL('../../fixtures/plugins/not-a-policy.mjs', import.meta.url));

function withPlugin(spill: number) {
  const spec = cluster({
    seed: 'plugin',
    nodes: 4,
    policy: 'least-loaded-of-two-zones',
    rate: 1.2,
    work: exponential(1),
    run: { requests: 5000, warmup: 0, replications: 2 },
  });
  spec.balancer.policy = { name: 'least-loaded-of-two-zones', params: { spill }, module: example };
  return spec;
}

describe('policy plug-ins', () => {
  it('loads the example module with its declared parameters', async () => {
    const definition = await loadPolicyModule(example);
    expect(definition.name).toBe('least-loaded-of-two-zones');
    expect(definition.params.map((p) => p.name)).toEqual(['spill']);
  });

  it('runs a scenario through the plug-in: with an unreachable spill threshold only the local half works', async () => {
    const { nodes } = await runScenarioChecked(withPlugin(1e9));
    expect(nodes.at(0).completed + nodes.at(1).completed).toBeGreaterThan(0);
    expect(nodes.at(2).completed + nodes.at(3).completed).toBe(0);
  });

  it('spills to the remote half when the local one is clearly busier', async () => {
    const { nodes } = await runScenarioChecked(withPlugin(1));
    expect(nodes.at(2).completed + nodes.at(3).completed).toBeGreaterThan(0);
  });

  it('reports a module that is not a policy, naming what is wrong', async () => {
    await expect(loadPolicyModule(broken)).rejects.toThrow(PluginError);
    await expect(loadPolicyModule(broken)).rejects.toThrow(/create must be a function/);
    await expect(loadPolicyModule('/nonexistent/policy.mjs')).rejects.toThrow(/cannot load/);
  });
});
