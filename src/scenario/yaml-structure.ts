import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Finding, Findings } from './issues.js';
import { LIMITS, tooDeepText, tooManyItemsText, withinItemLimit } from './limits.js';
import type { AppliedOverride } from './overrides.js';
import { isWithin, type FieldPath } from './paths.js';

/**
 * The shape of a parsed document, checked before anything turns it into data or walks it recursively (`toJS`, the
 * schema check, the resolver, `toString` for the report). What this catches would otherwise crash, exhaust memory,
 * print a Node warning or be reported at 1:1: an alias with no anchor before it, an alias inside its own anchor, aliases
 * expanding past a bound, nesting past the depth limit (also through aliases or `--set` paths), keys that are empty,
 * lists or aliases, YAML tags that make something other than plain data, a `<<` merge of something that is not a
 * mapping, and strings, lists and mappings past their limits. One loop with its own stack, so depth costs no call
 * stack. Returns false when it found a problem: the document must then not be used further.
 */
export function checkYamlStructure(
  document: Document,
  lines: LineCounter,
  applied: readonly AppliedOverride[],
  findings: Findings,
): boolean {
  const walk = new StructureWalk(lines, applied);
  walk.run(document.contents);
  for (const problem of walk.problems) findings.error(problem);
  return walk.problems.length === 0;
}

/** Tags of YAML's core schema, which only say how to read plain data: `!!str 007` keeps the zeros. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`));
const PLAIN_TAGS_TEXT = 'no tag, or one of !!str, !!int, !!float, !!bool, !!null, !!seq, !!map';

/** What a node stands for once its aliases are expanded: levels of collections, and values in all. */
interface Expanded {
  height: number;
  size: number;
}

interface Visit {
  node: unknown;
  path: FieldPath;
  /** Collections above this node, aliases expanded. */
  level: number;
  /** The value of a `<<` merge key, or one entry of a list that is that value. */
  mergeSource?: 'value' | 'entry';
  /** Set on the second visit of a collection, once its children are done. */
  leaving?: boolean;
}

/** Problems beyond this many are not looked for: a garbage file is refused after its first few. */
const MAX_PROBLEMS = 100;

class StructureWalk {
  readonly problems: Finding[] = [];
  /** The latest node carrying each anchor name, in document order: what an alias after it refers to. */
  private readonly anchors = new Map<string, Node>();
  /** Collections entered and not yet left: an alias to one of them is inside its own anchor. */
  private readonly open = new Set<unknown>();
  private readonly expanded = new Map<unknown, Expanded>();
  private aliasValues = 0;

  constructor(
    private readonly lines: LineCounter,
    private readonly applied: readonly AppliedOverride[],
  ) {}

  run(root: unknown): void {
    const stack: Visit[] = [{ node: root, path: [], level: 0 }];
    while (stack.length > 0 && this.problems.length < MAX_PROBLEMS) {
      const visit = stack.pop()!;
      if (visit.leaving) this.leave(visit.node);
      else this.enter(visit, stack);
    }
  }

  private enter(visit: Visit, stack: Visit[]): void {
    const { node, path, level } = visit;
    if (node === null || node === undefined) return;
    if (visit.mergeSource !== undefined) this.checkMergeSource(node, path, visit.mergeSource);
    if (isAlias(node)) return this.enterAlias(node, path, level);
    if (!isScalar(node) && !isCollection(node)) return;
    if (!this.checkTag(node, path)) return;
    if (node.anchor !== undefined && node.anchor !== '') this.anchors.set(node.anchor, node);
    if (isScalar(node)) {
      this.checkString(node.value, node, path);
      this.expanded.set(node, { height: 0, size: 1 });
      return;
    }
    if (level + 1 > LIMITS.depth) {
      this.problem(node, path, tooDeepText());
      return;
    }
    if (!this.checkCount(node, path)) return;
    this.open.add(node);
    stack.push({ node, path, level, leaving: true });
    const children: Visit[] = [];
    node.items.forEach((item: unknown, index: number) => {
      if (!isPair(item)) {
        const entry = visit.mergeSource === 'value' ? 'entry' : undefined;
        children.push({ node: item, path: [...path, index], level: level + 1, mergeSource: entry });
        return;
      }
      const keyName = this.keyName(item.key, path);
      const here = isSeq(node) ? [...path, index] : keyName === undefined ? path : [...path, keyName];
      const merge = isScalar(item.key) && typeof item.key.value === 'symbol';
      if (keyName !== undefined) children.push({ node: item.key, path: here, level: level + 1 });
      children.push({ node: item.value, path: here, level: level + 1, mergeSource: merge ? 'value' : undefined });
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }

  private leave(node: unknown): void {
    this.open.delete(node);
    if (!isCollection(node)) return;
    let height = 0;
    let size = 1;
    for (const item of node.items) {
      for (const child of isPair(item) ? [item.key, item.value] : [item]) {
        const inside = this.expanded.get(child);
        if (inside === undefined) continue;
        height = Math.max(height, inside.height);
        size += inside.size;
      }
    }
    this.expanded.set(node, { height: height + 1, size });
  }

  private enterAlias(alias: { source: string } & Node, path: FieldPath, level: number): void {
    const target = this.anchors.get(alias.source);
    if (target === undefined) {
      this.problem(alias, path, {
        value: `*${alias.source}`,
        rule: `undefined alias: no anchor &${alias.source} before it`,
        valid: 'an alias (*name) after the anchor it names (&name)',
      });
      return;
    }
    if (this.open.has(target)) {
      this.problem(alias, path, {
        value: `*${alias.source}`,
        rule: `the alias is inside its own anchor &${alias.source}, so it would repeat forever`,
        valid: 'an alias outside the mapping or list its anchor names',
      });
      return;
    }
    const expanded = this.expanded.get(target) ?? { height: 0, size: 1 };
    if (level + expanded.height > LIMITS.depth) {
      this.problem(alias, path, { value: `*${alias.source}`, ...tooDeepText(true) });
      return;
    }
    this.aliasValues += expanded.size;
    if (this.aliasValues > LIMITS.aliasValues) {
      this.problem(alias, path, {
        value: `*${alias.source}`,
        rule: `aliases expand to too many values: more than ${LIMITS.aliasValues} so far`,
        valid: `aliases standing for at most ${LIMITS.aliasValues} values in all`,
      });
      this.aliasValues = -Infinity; // said once
      return;
    }
    this.expanded.set(alias, expanded);
  }

  /** The key as a path segment; undefined (and a problem) when it is not a single word or number. */
  private keyName(key: unknown, path: FieldPath): string | undefined {
    const where = key as Node | null;
    // `--set` adds pairs whose keys are plain strings rather than nodes.
    if (typeof key === 'string' || typeof key === 'number') return String(key);
    if (isScalar(key) && typeof key.value === 'symbol') return '<<';
    if (isScalar(key) && key.value !== null && typeof key.value !== 'object') return String(key.value);
    if (isAlias(key)) {
      this.problem(where, path, {
        value: `*${key.source}`,
        rule: 'an alias cannot be a key',
        valid: 'a plain key such as nodes or cores',
      });
    } else if (isCollection(key)) {
      this.problem(where, path, {
        rule: "a key must be a single word, not a list or a mapping (YAML's '?' complex key)",
        valid: 'a plain key such as nodes or cores',
      });
    } else {
      this.problem(where, path, { rule: 'a key is empty (null)', valid: 'a plain key such as nodes or cores' });
    }
    return undefined;
  }

  /** `<<: *base` merges a mapping into the one it sits in; anything else has nothing to merge. */
  private checkMergeSource(node: unknown, path: FieldPath, role: 'value' | 'entry'): void {
    const source = isAlias(node) ? this.anchors.get(node.source) : node;
    // An undefined alias is reported as such when it is entered.
    if (source === undefined || isMap(source) || (role === 'value' && isSeq(node))) return;
    this.problem(node as Node, path, {
      rule: "a '<<' merge takes a mapping, an alias of one, or a list of them",
      valid: '<<: *base, where &base names a mapping',
    });
  }

  private checkTag(node: Node, path: FieldPath): boolean {
    if (node.tag === undefined || PLAIN_TAGS.has(node.tag)) return true;
    this.problem(node, path, {
      value: node.tag.replace(/^tag:yaml\.org,2002:/, '!!'),
      rule: 'a YAML tag that makes something other than plain data',
      valid: PLAIN_TAGS_TEXT,
    });
    return false;
  }

  private checkString(value: unknown, node: Node, path: FieldPath): void {
    if (typeof value !== 'string' || value.length <= LIMITS.stringCharacters) return;
    this.problem(node, path, {
      value,
      rule: `too long: ${value.length} characters`,
      valid: `a string of at most ${LIMITS.stringCharacters} characters`,
    });
  }

  private checkCount(node: Node & { items: unknown[] }, path: FieldPath): boolean {
    const kind = isMap(node) ? 'mapping' : 'list';
    if (withinItemLimit(kind, node.items.length)) return true;
    this.problem(node, path, tooManyItemsText(kind, node.items.length));
    return false;
  }

  /** At the node's place in the file; a node with no place was made by a `--set`, which is then the place. */
  private problem(node: Node | null, path: FieldPath, what: Omit<Finding, 'path'>): void {
    const range = node?.range;
    if (range === undefined || range === null) {
      const origin = this.applied.find((o) => isWithin(path, o.path) || isWithin(o.path, path))?.origin;
      this.problems.push({ path, ...what, origin });
      return;
    }
    const { line, col } = this.lines.linePos(range[0]);
    this.problems.push({ path, ...what, at: { line, column: col } });
  }
}
