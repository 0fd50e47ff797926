import type { NodeSpec, ReliabilitySpec } from '../model/spec.js';
import { topologyDefinition, topologyKinds, writtenTopologyKind } from '../topology/registry.js';
import type { Findings } from './issues.js';
import { LIMITS } from './limits.js';
import type { FieldPath } from './paths.js';
import { didYouMean } from './suggest.js';
import type { NodeTable } from '../model/node-table.js';

interface MembershipStep {
  at: number;
  path: FieldPath;
  add?: { group: string; count: number };
  remove?: { node: string; drain: boolean };
}

/**
 * Timeline `add` and `remove` steps, checked together against the cluster as it stands when each happens (steps in
 * time order, ties in file order, as they run): the topology must model membership changes; an added group must be
 * one of `nodes`; a removed node must exist by then (the scenario's, or one an earlier step added), not be removed
 * twice, and not be the last node. Returns false when anything is wrong (reported).
 */
export function checkMembership(
  raw: Record<string, unknown>,
  nodes: NodeTable,
  reliability: ReliabilitySpec | undefined,
  findings: Findings,
): boolean {
  const steps = membershipSteps(reliability);
  if (steps.length === 0) return true;
  const kind = writtenTopologyKind(raw);
  const definition = topologyDefinition(kind);
  if (definition !== undefined && definition.membershipChanges !== true) {
    const modelled = topologyKinds().filter((k) => topologyDefinition(k)?.membershipChanges === true);
    const first = steps[0];
    findings.error({
      path: [...first.path, first.add ? 'add' : 'remove'],
      anchor: 'key',
      value: first.add ? 'add' : 'remove',
      rule: `membership changes are not modelled for ${kind}`,
      valid: `crash, partition and slow steps; add and remove need a topology that models them (${modelled.join(', ')})`,
    });
    return false;
  }

  const groups = [...new Set(nodes.map((node) => node.group))];
  const highest = new Map<string, number>();
  const present = new Set<string>();
  const removedBy = new Map<string, FieldPath>();
  for (const node of nodes) {
    present.add(node.name);
    highest.set(node.group, Math.max(highest.get(node.group) ?? -1, indexOf(node)));
  }
  let valid = true;
  let created = nodes.length;
  for (const step of steps) {
    if (step.add) {
      const { group, count } = step.add;
      if (!groups.includes(group)) {
        findings.error({
          path: [...step.path, 'add', 'group'],
          value: group,
          rule: 'names no group of nodes',
          valid: `a group of nodes (${groups.join(', ')})`,
          suggestion: didYouMean(group, groups),
        });
        valid = false;
        continue;
      }
      // Every node ever added is a record in the run (ids are not reused): the total is bounded before any is made.
      if (created + count > LIMITS.totalNodes) {
        findings.error({
          path: [...step.path, 'add', 'count'],
          value: count,
          rule: `too many nodes: ${created + count} with this step (the scenario's nodes and every node added so far)`,
          valid: `at most ${LIMITS.totalNodes} nodes in all, counting each node added`,
        });
        valid = false;
        continue;
      }
      created += count;
      for (let k = 0; k < count; k++) {
        const index = (highest.get(group) ?? -1) + 1;
        highest.set(group, index);
        present.add(`${group}-${index}`);
      }
      continue;
    }
    const name = step.remove!.node;
    const at = [...step.path, 'remove', 'node'];
    const earlier = removedBy.get(name);
    if (earlier !== undefined) {
      findings.error({
        path: at,
        value: name,
        rule: `removes ${name} twice: ${earlier.join('.')} removed it already`,
        valid: `a node present when the step happens (${shortList([...present])})`,
      });
      valid = false;
    } else if (!present.has(name)) {
      findings.error({
        path: at,
        value: name,
        rule: 'names no node present when the step happens',
        valid: `a node name (${shortList([...present])}; nodes added by earlier steps count)`,
        suggestion: didYouMean(name, [...present]),
      });
      valid = false;
    } else if (present.size === 1) {
      findings.error({
        path: at,
        value: name,
        rule: 'would remove the last node: a cluster keeps at least 1 node',
        valid: 'add a node before removing this one, or remove the step',
      });
      valid = false;
    } else {
      present.delete(name);
      removedBy.set(name, step.path);
    }
  }
  return valid;
}

/** Every add and remove step of every timeline, in the order they run: by time, ties in file order. */
function membershipSteps(reliability: ReliabilitySpec | undefined): MembershipStep[] {
  const steps: MembershipStep[] = [];
  reliability?.failures.forEach((failure, f) => {
    if (failure.kind !== 'timeline') return;
    failure.steps.forEach((step, s) => {
      const path = ['failures', f, 'steps', s];
      if ('add' in step) steps.push({ at: step.at, path, add: step.add });
      else if ('remove' in step) steps.push({ at: step.at, path, remove: step.remove });
    });
  });
  return steps.sort((a, b) => a.at - b.at); // a stable sort: ties keep file order
}

/** The index in a node's name (`web-3`: 3). */
function indexOf(node: NodeSpec): number {
  const index = Number(node.name.slice(node.group.length + 1));
  return Number.isInteger(index) ? index : -1;
}

function shortList(values: string[]): string {
  return values.length <= 6 ? values.join(', ') : `${values.slice(0, 6).join(', ')}, ...`;
}
