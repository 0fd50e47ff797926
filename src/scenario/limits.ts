/**
 * Bounds on what a scenario file may hold. A scenario needs a few kilobytes, a handful of nesting levels and short
 * names; these limits sit far above that and far below what would exhaust memory or the call stack, so a mistake
 * or a hostile file is a clear error (exit 2, with a position) rather than a crash. README "Errors and warnings"
 * lists them; change both together.
 */
export const LIMITS = {
  /**
   * Bytes of one scenario file (or scenario text), checked before anything is parsed. The examples are 1-4 KB; the
   * yaml package needs about 1 KB of memory per value and several seconds per megabyte of dense lists.
   */
  fileBytes: 1_000_000,
  /** Levels of mappings and lists, aliases expanded; checked before any recursive code sees the document. */
  depth: 64,
  /** Values that aliases (`*name`) stand for, counted as expanded: a bound on "billion laughs" files. */
  aliasValues: 10_000,
  /** Characters of a name (scenario, group, class): a name becomes a folder and file names. */
  nameCharacters: 100,
  /** Characters of any other string value or key (a description, a seed). */
  stringCharacters: 10_000,
  /** Entries of one list. */
  listEntries: 10_000,
  /** Keys of one mapping (a scenario mapping has at most about 20). */
  mappingKeys: 1_000,
  /** Nodes of a cluster, all groups together (each node is simulated). */
  totalNodes: 1_000_000,
  /** Characters of one printed error or warning line before it is cut. */
  lineCharacters: 500,
  /** Errors (and, apart, warnings) printed per file; the rest are counted. */
  issuesShown: 50,
} as const;


/** What a limit says when it is exceeded: one wording wherever it is checked (token tree, document, `--set`). */
export interface LimitText {
  rule: string;
  valid: string;
}

export function tooDeepText(throughAlias = false): LimitText {
  const how = throughAlias ? 'with the alias expanded, ' : '';
  return {
    rule: `nested too deep: ${how}more than ${LIMITS.depth} levels of mappings and lists`,
    valid: `at most ${LIMITS.depth} levels (a scenario needs fewer than 10)`,
  };
}

export function tooManyItemsText(kind: 'mapping' | 'list', count: number): LimitText {
  const [limit, noun] = kind === 'mapping' ? [LIMITS.mappingKeys, 'keys'] : [LIMITS.listEntries, 'entries'];
  return { rule: `too many ${noun}: ${count}`, valid: `a ${kind} of at most ${limit} ${noun}` };
}

/** True when a mapping or list of `count` items is within its limit. */
export function withinItemLimit(kind: 'mapping' | 'list', count: number): boolean {
  return count <= (kind === 'mapping' ? LIMITS.mappingKeys : LIMITS.listEntries);
}
