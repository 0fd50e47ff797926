import { LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { ScenarioSpec } from '../model/spec.js';
import { policies as builtInPolicies } from '../policies/registry.js';
import { Findings, type Finding, type ScenarioIssue } from './issues.js';
import { applyOverrides, type AppliedOverride, type Override } from './overrides.js';
import { formatPath, isWithin } from './paths.js';
import { SourcePositions } from './positions.js';
import { resolveScenario } from './resolve.js';
import type { PolicyRegistry } from './resolve-policy.js';
import { checkAgainstSchema } from './schema-check.js';
import { scenarioWarnings } from './warnings.js';

export interface LoadOptions {
  /** The file name as the user gave it: shown in every message, and the default scenario name. */
  file: string;
  /** Command-line changes applied before validation (`--set`, `--seed`, `--replications`). */
  overrides?: readonly Override[];
  /** Dispatch policies a scenario may name; the built-in registry by default. */
  policies?: PolicyRegistry;
}

export interface LoadResult {
  /** Present only when there are no errors. */
  spec?: ScenarioSpec;
  /** Every error in the file, in file order; each one names file, line:column, field, value, rule and what is valid. */
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
  /** The scenario text as it will run: the file's text, or with overrides applied, for the report. */
  source: { path: string; text: string };
}

/**
 * Parses, checks and resolves one scenario from its text (YAML, or JSON, which is YAML too). Never throws for a
 * mistake in the input: every problem comes back in `errors`, all at once, and `spec` is absent when there is any.
 * Reading the file is the caller's business (the CLI), so this stays pure and testable.
 */
export function loadScenario(text: string, options: LoadOptions): LoadResult {
  const { file, overrides = [], policies = builtInPolicies } = options;
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, merge: true, uniqueKeys: true });
  const result = (errors: ScenarioIssue[], warnings: ScenarioIssue[] = [], sourceText = text): LoadResult => ({
    errors,
    warnings,
    source: { path: file, text: sourceText },
  });
  if (document.errors.length > 0) return result(syntaxIssues(document, file, 'error'));
  if (document.contents === null) {
    return result([
      {
        severity: 'error',
        file,
        line: 1,
        column: 1,
        path: '',
        rule: 'the scenario file is empty',
        valid: 'a YAML or JSON mapping with nodes, workload and duration (see docs/scenario-reference.md)',
      },
    ]);
  }

  const findings = new Findings();
  const applied = applyOverrides(document, overrides, findings.errors);
  const raw = toPlainData(document, findings);
  if (raw !== undefined) {
    checkAgainstSchema(raw, findings);
    const spec = resolveScenario(raw, { defaultName: nameFromFile(file), policies }, findings);
    if (findings.errors.length === 0 && spec === undefined) {
      // A safety net: every reason to give up should have been reported; never return "no spec, no errors".
      findings.error({ path: [], rule: 'the scenario could not be resolved (an internal error: please report it)' });
    }
    if (findings.errors.length === 0 && spec !== undefined) {
      scenarioWarnings(spec, findings);
      const locate = locator(file, new SourcePositions(document, lines), applied);
      const sourceText = overrides.length === 0 ? text : document.toString();
      return {
        spec,
        errors: [],
        warnings: [
          ...syntaxIssues(document, file, 'warning'),
          ...sortIssues(findings.warnings.map((f) => locate(f, 'warning'))),
        ],
        source: { path: file, text: sourceText },
      };
    }
  }
  const locate = locator(file, new SourcePositions(document, lines), applied);
  return result(sortIssues(dedupe(findings.errors.map((f) => locate(f, 'error')))));
}

/** YAML parse errors (or warnings) with their own positions; the message without yaml's context lines. */
function syntaxIssues(document: Document, file: string, severity: 'error' | 'warning'): ScenarioIssue[] {
  const problems = severity === 'error' ? document.errors : document.warnings;
  return problems.map((problem) => {
    const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const position = problem.linePos?.[0];
    return {
      severity,
      file,
      line: position?.line,
      column: position?.col,
      path: '',
      rule: severity === 'error' ? `YAML syntax error: ${message}` : `YAML: ${message}`,
    };
  });
}

/** The document as plain data; aliases expanded (an alias bomb is reported, not run). */
function toPlainData(document: Document, findings: Findings): unknown {
  try {
    return document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    findings.error({ path: [], rule: `cannot expand the YAML: ${(error as Error).message}` });
    return undefined;
  }
}

function locator(file: string, positions: SourcePositions, applied: readonly AppliedOverride[]) {
  return (finding: Finding, severity: 'error' | 'warning'): ScenarioIssue => {
    const origin = finding.origin ?? overrideOf(finding, applied);
    const where = finding.locate ?? finding.path;
    const position = origin === undefined ? positions.locate(where, finding.anchor) : undefined;
    return {
      severity,
      file,
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

/** The most specific override that set this field or one of its ancestors. */
function overrideOf(finding: Finding, applied: readonly AppliedOverride[]): string | undefined {
  const matching = applied.filter((o) => isWithin(finding.path, o.path));
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

function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  const key = (issue: ScenarioIssue): number => (issue.line ?? Number.MAX_SAFE_INTEGER) * 10_000 + (issue.column ?? 0);
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.order - b.order)
    .map(({ issue }) => issue);
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const identity = JSON.stringify(issue);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** `scenarios/web tier.yaml` -> `web-tier`: a valid scenario name from a file name. */
export function nameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base.replace(/\.(ya?ml|json)$/i, '');
  const name = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name === '' ? 'scenario' : name;
}
