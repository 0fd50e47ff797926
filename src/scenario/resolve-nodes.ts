import type { Discipline, NodeSpec } from '../model/spec.js';
import { NodeTable } from '../model/node-table.js';
import { DEFAULTS, UNBOUNDED } from './defaults.js';
import type { Findings } from './issues.js';
import { LIMITS } from './limits.js';
import type { FieldPath } from './paths.js';
import { UniqueNames } from './unique-names.js';
import { describeField } from './schema-parts.js';
import { integerOr, isPercentage, isRecord, readQuantity, stringOr } from './resolve-values.js';
import { parseQuantity } from './units.js';

/**
 * `nodes` (groups) into the node table: per group, `count` nodes named `<group>-<i>`, in file order, defaults
 * applied (one run of like nodes per group, not an object per node). Group names must be unique so node names are
 * (a name ends in `-<integer>`, so distinct groups cannot produce the same one).
 */
export function resolveNodes(raw: unknown, findings: Findings): NodeTable | undefined {
  if (!Array.isArray(raw)) return undefined;
  const groups = new UniqueNames('nodes', 'group');
  const nodes = new NodeTable();
  let complete = true;
  let tooMany = false;
  raw.forEach((entry: unknown, index) => {
    const path = ['nodes', index];
    if (!isRecord(entry)) {
      complete = false;
      return;
    }
    const group = groups.nameOf(entry, index, findings);
    const template = resolveGroup(entry, path, findings);
    if (group === undefined || template === undefined) {
      complete = false;
      return;
    }
    // Every node is a record here and in the run: the total is bounded before any is made.
    if (tooMany || nodes.length + template.count > LIMITS.totalNodes) {
      if (!tooMany) {
        findings.error({
          path: [...path, 'count'],
          value: template.count,
          rule: `too many nodes: ${nodes.length + template.count} with this group`,
          valid: `at most ${LIMITS.totalNodes} nodes in all groups together`,
        });
      }
      tooMany = true;
      complete = false;
      return;
    }
    nodes.pushGroup(group, template.count, template.node);
  });
  return complete ? nodes : undefined;
}

interface GroupTemplate {
  count: number;
  node: Omit<NodeSpec, 'name' | 'group'>;
}

function resolveGroup(entry: Record<string, unknown>, path: FieldPath, findings: Findings): GroupTemplate | undefined {
  const count = integerOr(entry.count, 1, DEFAULTS.count);
  if (count !== undefined && count > 1_000_000) return undefined; // reported by the schema check
  const cores = integerOr(entry.cores, 1, DEFAULTS.cores);
  const speed = resolveSpeed(entry.speed, [...path, 'speed'], findings);
  const storage = readQuantity(entry.storage ?? DEFAULTS.storage, [...path, 'storage'], 'size', findings, {
    min: 0,
    unbounded: true,
  });
  const bandwidth = readQuantity(entry.bandwidth ?? DEFAULTS.bandwidth, [...path, 'bandwidth'], 'bandwidth', findings, {
    min: 0,
    exclusive: true,
    unbounded: true,
  });
  const zone = stringOr(entry.zone, DEFAULTS.zone);
  const queue = entry.queue === UNBOUNDED ? Infinity : integerOr(entry.queue, 0, Infinity);
  const discipline = stringOr<Discipline>(entry.discipline, DEFAULTS.discipline, ['fifo', 'ps']);
  // A price per node and unit of time, written as a rate (0.12/h): read in currency units per second.
  const cost = entry.cost === undefined ? undefined : readQuantity(entry.cost, [...path, 'cost'], 'rate', findings, { min: 0 });
  if (
    (entry.cost !== undefined && cost === undefined) ||
    count === undefined ||
    cores === undefined ||
    speed === undefined ||
    storage === undefined ||
    bandwidth === undefined ||
    zone === undefined ||
    queue === undefined ||
    discipline === undefined
  ) {
    return undefined;
  }
  const node: GroupTemplate['node'] = { cores, speed, storage, bandwidth, zone, queue, discipline };
  if (cost !== undefined) node.cost = cost;
  // Written only when given (the schema checked it is a number > 0): absent means 1 and changes no fingerprint.
  if (typeof entry.priority === 'number') node.priority = entry.priority;
  return { count, node };
}

/** Speed: a positive number, or a percentage of a reference core (`50%` is a half-speed node). */
function resolveSpeed(raw: unknown, path: FieldPath, findings: Findings): number | undefined {
  if (raw === undefined) return DEFAULTS.speed;
  const valid = describeField('speed');
  let speed: number;
  if (typeof raw === 'number') speed = raw;
  else if (isPercentage(raw)) {
    const parsed = parseQuantity(raw, 'percentage');
    if (!parsed.ok) {
      findings.error({ path, value: raw, rule: parsed.rule, valid });
      return undefined;
    }
    speed = parsed.value;
  } else {
    findings.error({ path, value: raw, rule: 'not a number or a percentage', valid });
    return undefined;
  }
  if (!(speed > 0) || !Number.isFinite(speed)) {
    findings.error({ path, value: raw, rule: 'must be greater than 0', valid });
    return undefined;
  }
  return speed;
}
