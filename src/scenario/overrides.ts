import { isAlias, isMap, isSeq, type Document } from 'yaml';
import type { Finding } from './issues.js';
import { parseYaml } from './parse-yaml.js';
import type { FieldPath } from './paths.js';

/** One command-line change to a scenario: `--set workload.0.arrivals.rate=8/s`, or `--seed 3`. */
export interface Override {
  /** Dotted path; sequence entries by index: `nodes.0.count`. */
  path: string;
  /** The value as typed, read as YAML: `8/s`, `20`, `{ dist: exponential, mean: 2s }`. */
  value: string;
  /** How the user wrote it, shown as the location of problems with it. */
  origin: string;
}

/** Splits a `--set` argument at its first `=`; undefined when there is none (a usage error for the CLI). */
export function parseSetArgument(argument: string): Override | undefined {
  const equals = argument.indexOf('=');
  if (equals <= 0) return undefined;
  return { path: argument.slice(0, equals).trim(), value: argument.slice(equals + 1), origin: `--set ${argument}` };
}

export interface AppliedOverride {
  path: FieldPath;
  /**
   * The outermost key the override made, a prefix of `path` (all of it when the file had every parent): a problem
   * anywhere below it, such as a misspelt new top-level key, is the override's, not the file's.
   */
  root: FieldPath;
  origin: string;
}

/**
 * Applies overrides to the parsed document, before validation, so that an overridden value is checked exactly like
 * a written one and its problems can be reported "at" the override. Missing mappings along the path are created;
 * a sequence index may name an existing entry or the next one (appending). Returns what was applied; problems
 * with the paths themselves go to `problems`.
 */
export function applyOverrides(
  document: Document,
  overrides: readonly Override[],
  problems: Finding[],
): AppliedOverride[] {
  const applied: AppliedOverride[] = [];
  for (const override of overrides) {
    const result = applyOne(document, override);
    if ('rule' in result) problems.push({ path: override.path.split('.'), origin: override.origin, ...result });
    else applied.push({ path: result.path, root: result.root, origin: override.origin });
  }
  return applied;
}

const PATH_HELP = 'a dotted path of keys and list indices, such as nodes.0.count';

/** The path set, or why it cannot be. */
type OverrideOutcome = { path: FieldPath; root: FieldPath } | { rule: string; valid: string; value?: string };

function applyOne(document: Document, override: Override): OverrideOutcome {
  const segments = override.path.split('.');
  if (segments.some((segment) => segment === '')) return { rule: 'bad --set path: empty segment', valid: PATH_HELP };
  const value = plainValue(override.value);
  if (value === NOT_PLAIN) {
    return {
      value: override.value,
      rule: 'bad --set value: not a YAML value',
      valid: 'a YAML scalar such as 8/s, 20 or fifo, or a flow mapping',
    };
  }
  if (document.contents === null) document.contents = document.createNode({});
  let container: unknown = document.contents;
  const path: (string | number)[] = [];
  let root: (string | number)[] | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const isLast = i === segments.length - 1;
    const here = path.length === 0 ? 'the scenario' : `'${path.join('.')}'`;
    if (isAlias(container)) container = container.resolve(document);
    if (isMap(container)) {
      path.push(segment);
      if (isLast) {
        container.set(segment, document.createNode(value));
        break;
      }
      // A key the file does not have yet: create the mapping (or list) the rest of the path goes into.
      if (!container.has(segment)) {
        root ??= [...path];
        container.set(segment, document.createNode(/^\d+$/.test(segments[i + 1]) ? [] : {}));
      }
      container = container.get(segment, true);
    } else if (isSeq(container)) {
      const index = Number(segment);
      const size = container.items.length;
      if (!/^\d+$/.test(segment) || index > size) {
        const entries = `${size} ${size === 1 ? 'entry' : 'entries'}`;
        return {
          rule: `bad --set path: ${here} is a list of ${entries}`,
          valid: `an index 0..${size - 1}, or ${size} to append`,
        };
      }
      path.push(index);
      if (isLast) {
        container.set(index, document.createNode(value));
        break;
      }
      if (index === size) {
        root ??= [...path];
        container.add(document.createNode(/^\d+$/.test(segments[i + 1]) ? [] : {}));
      }
      container = container.get(index, true);
    } else {
      return { rule: `bad --set path: ${here} is a single value, not a mapping or a list`, valid: PATH_HELP };
    }
  }
  return { path, root: root ?? path };
}

const NOT_PLAIN = Symbol('not plain data');

/**
 * A `--set` value read as YAML, or NOT_PLAIN when it is not plain data: a syntax error, nesting past the limit, a
 * warning (a tag such as `!foo`), or an alias that cannot be expanded.
 */
function plainValue(text: string): unknown {
  const parsed = parseYaml(text);
  if (!('document' in parsed)) return NOT_PLAIN;
  const { document } = parsed;
  if (document.errors.length > 0 || document.warnings.length > 0) return NOT_PLAIN;
  try {
    return document.toJS();
  } catch {
    return NOT_PLAIN;
  }
}
