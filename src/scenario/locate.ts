import { stringify } from 'yaml';
import type { Finding, ScenarioIssue } from './issues.js';
import type { AppliedOverride } from './overrides.js';
import { formatPath, isWithin } from './paths.js';
import type { SourcePositions } from './positions.js';

/**
 * Findings become issues a user can act on: a file position (or the command-line override they came from), the
 * field path in dotted form, the bad value on one line; then sorted into file order without repeats.
 */
export function locator(
  file: string,
  positions: SourcePositions,
  applied: readonly AppliedOverride[],
): (finding: Finding, severity: 'error' | 'warning') => ScenarioIssue {
  return (finding: Finding, severity: 'error' | 'warning'): ScenarioIssue => {
    const origin = finding.origin ?? overrideOf(finding, applied);
    const where = finding.locate ?? finding.path;
    const position = origin === undefined ? (finding.at ?? positions.locate(where, finding.anchor)) : undefined;
    return {
      severity,
      file: finding.file ?? file,
      line: position?.line,
      column: position?.column,
      origin,
      path: formatPath(finding.path),
      value: finding.value === undefined ? undefined : renderValue(finding.value),
      rule: finding.rule,
      valid: finding.valid,
      suggestion: finding.suggestion,
    };
  };
}

/**
 * The most specific override that set this field or one of its ancestors, or made the key it is under (`--set
 * balancr.policy=random` made `balancr`, which the file does not have: its unknown key is the override's).
 */
function overrideOf(finding: Finding, applied: readonly AppliedOverride[]): string | undefined {
  const matching = applied.filter((o) => isWithin(finding.path, o.root));
  matching.sort((a, b) => b.path.length - a.path.length);
  return matching[0]?.origin;
}

/** A bad value on one short line, as the user would write it. */
export function renderValue(value: unknown): string {
  let text: string;
  if (value === null) text = '';
  else if (typeof value === 'object') text = stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  else text = String(value);
  text = text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** File order: by line, then column; issues without a position (command-line overrides) last, as found. */
export function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  const line = (issue: ScenarioIssue): number => issue.line ?? Infinity;
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => {
      if (line(a.issue) !== line(b.issue)) return line(a.issue) < line(b.issue) ? -1 : 1;
      return (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.order - b.order;
    })
    .map(({ issue }) => issue);
}

/** The schema check and the resolver may word the same problem identically; show it once. */
export function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const identity = JSON.stringify(issue);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
