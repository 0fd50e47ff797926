import { pathToFileURL } from 'node:url';
import type { PolicyDefinition } from './policy.js';

/** A plug-in module that cannot be used, with what is wrong. */
export class PluginError extends Error {}

/**
 * Loads a user's policy module: an ES module whose default export (or export named `policy`) implements
 * PolicyDefinition, like the built-in policies in this folder. The shape is checked so a mistake is reported by
 * name rather than as a crash in the middle of a run.
 */
export async function loadPolicyModule(path: string): Promise<PolicyDefinition> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    // Node appends "imported from <this file>", which tells the user nothing: keep the first line only.
    const reason = (error as Error).message.split('\n')[0].replace(/ imported from .*$/, '');
    throw new PluginError(`balancer.policy.module: cannot load '${path}': ${reason}`);
  }
  const candidate = (module.default ?? module.policy) as Partial<PolicyDefinition> | undefined;
  const problems: string[] = [];
  if (!candidate || typeof candidate !== 'object') problems.push('no default export (or export named policy)');
  else {
    if (typeof candidate.name !== 'string' || candidate.name === '') problems.push('name must be a non-empty string');
    if (typeof candidate.create !== 'function') problems.push('create must be a function (context) => policy');
    if (candidate.params !== undefined && !Array.isArray(candidate.params)) problems.push('params must be an array');
    if (candidate.readsOutstandingWork !== undefined && typeof candidate.readsOutstandingWork !== 'boolean') {
      problems.push('readsOutstandingWork must be true or false (false: the policy never calls view.outstandingWork)');
    }
  }
  if (problems.length > 0) {
    throw new PluginError(
      `balancer.policy.module: '${path}' is not a policy module: ${problems.join('; ')}; valid: a module whose ` +
        `default export is { name, description, params: [], create({ view, rng, params }) { return { choose(request) { ... } } } }`,
    );
  }
  const definition = candidate as PolicyDefinition;
  return { ...definition, description: definition.description ?? '', params: definition.params ?? [] };
}

/**
 * The plug-in policy of each spec that names one, each module loaded once however many runs use it (a study runs one
 * scenario's module for every replication and variant); undefined for a built-in policy.
 */
export function policyModules(): (spec: { balancer: { policy: { module?: string } } }) => Promise<PolicyDefinition | undefined> {
  const loaded = new Map<string, PolicyDefinition>();
  return async (spec) => {
    const module = spec.balancer.policy.module;
    if (module === undefined) return undefined;
    const policy = loaded.get(module) ?? (await loadPolicyModule(module));
    loaded.set(module, policy);
    return policy;
  };
}
