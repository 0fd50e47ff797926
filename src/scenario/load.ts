import type { Document } from 'yaml';
import type { ScenarioSpec } from '../model/spec.js';
import { policies as builtInPolicies } from '../policies/registry.js';
import { Findings, type ScenarioIssue } from './issues.js';
import { dedupe, locator, sortIssues } from './locate.js';
import { LIMITS } from './limits.js';
import { applyOverrides, type Override } from './overrides.js';
import { parseScenarioText } from './parse-yaml.js';
import { PluginGate, type AllowedPlugin, type PluginPermission } from './plugin-permission.js';
import { SourcePositions } from './positions.js';
import { resolveScenario, type ResolveContext } from './resolve.js';
import type { PolicyRegistry } from './resolve-policy.js';
import { checkAgainstSchema } from './schema-check.js';
import { checkYamlStructure } from './yaml-structure.js';
import { scenarioWarnings } from './warnings.js';

export interface LoadOptions {
  /**
   * The file name as the user gave it: shown in every message, and the default scenario name. A plug-in policy's
   * `module` and a trace's `file` are resolved against its folder.
   */
  file: string;
  /** Command-line changes applied before validation (`--set`, `--seed`, `--replications`). */
  overrides?: readonly Override[];
  /** Dispatch policies a scenario may name; the built-in registry by default. */
  policies?: PolicyRegistry;
  /**
   * The plug-in modules a scenario may name. None by default: a scenario naming a module is then an error, because
   * a module runs code with the user's rights and a scenario file must never run code by itself.
   */
  allowPlugins?: PluginPermission;
}

export interface LoadResult {
  /** Present only when there are no errors. */
  spec?: ScenarioSpec;
  /** Every error in the file, in file order; each one names file, line:column, field, value, rule and what is valid. */
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
  /** The plug-in modules the scenario would load (real paths, each with what allowed it); empty with any error. */
  plugins: AllowedPlugin[];
  /** The scenario text as it will run: the file's text, or with overrides applied, for the report. */
  source: { path: string; text: string };
}

/**
 * Parses, checks and resolves one scenario from its text (YAML, or JSON, which is YAML too). Never throws for a
 * mistake in the input: every problem comes back in `errors`, all at once, and `spec` is absent when there is any.
 * Reading the file is the caller's business (the CLI), so this stays pure and testable.
 */
export function loadScenario(text: string, options: LoadOptions): LoadResult {
  const { file, overrides = [], policies = builtInPolicies, allowPlugins } = options;
  const asWritten = { path: file, text };
  const parsed = parseScenarioText(text, file);
  if ('errors' in parsed) return { errors: parsed.errors, warnings: [], plugins: [], source: asWritten };
  const { document, lines } = parsed;
  if (document.errors.length > 0) {
    return { errors: syntaxIssues(document, file, 'error'), warnings: [], plugins: [], source: asWritten };
  }
  if (document.contents === null) return { errors: [emptyFileIssue(file)], warnings: [], plugins: [], source: asWritten };

  const findings = new Findings();
  const applied = applyOverrides(document, overrides, findings.errors);
  const locate = locator(file, new SourcePositions(document, lines), applied);
  // Before anything recursive or memory-hungry sees the document (toString, toJS, the schema check).
  if (!checkYamlStructure(document, lines, applied, findings)) {
    return { errors: sortIssues(dedupe(findings.errors.map((f) => locate(f, 'error')))), warnings: [], plugins: [], source: asWritten };
  }
  const source = overrides.length === 0 ? asWritten : { path: file, text: document.toString() };
  const plugins = new PluginGate(file, allowPlugins);
  const spec = checkAndResolve(document, { defaultName: nameFromFile(file), file, plugins, policies }, findings);
  if (spec === undefined || findings.errors.length > 0) {
    const errors = sortIssues(dedupe(findings.errors.map((f) => locate(f, 'error'))));
    return { errors, warnings: [], plugins: [], source };
  }
  scenarioWarnings(spec, findings);
  const located = sortIssues(findings.warnings.map((f) => locate(f, 'warning')));
  const warnings = [...syntaxIssues(document, file, 'warning'), ...located];
  return { spec, errors: [], warnings, plugins: plugins.allowed, source };
}

/** Schema check and resolution, both always run so that every error is found in one pass. */
function checkAndResolve(document: Document, context: ResolveContext, findings: Findings): ScenarioSpec | undefined {
  const raw = toPlainData(document, findings);
  if (raw === undefined) return undefined;
  checkAgainstSchema(raw, findings);
  const spec = resolveScenario(raw, context, findings);
  if (spec === undefined && findings.errors.length === 0) {
    // A safety net: every reason to give up should have been reported; never return "no spec, no errors".
    findings.error({ path: [], rule: 'the scenario could not be resolved (an internal error: please report it)' });
  }
  return spec;
}

function emptyFileIssue(file: string): ScenarioIssue {
  return {
    severity: 'error',
    file,
    line: 1,
    column: 1,
    path: '',
    rule: 'the scenario file is empty',
    valid: 'a YAML or JSON mapping with nodes, workload and duration (see the Scenario reference in README.md)',
  };
}

/** YAML parse errors (or warnings) with their own positions; the message without yaml's context lines. */
function syntaxIssues(document: Document, file: string, severity: 'error' | 'warning'): ScenarioIssue[] {
  const problems = severity === 'error' ? document.errors : document.warnings;
  return problems.map((problem) => {
    const message =
      problem.code === 'MULTIPLE_DOCS'
        ? "a scenario file holds one YAML document; remove the '---' line that starts a second"
        : problem.code === 'BAD_ALIAS' && /empty string/.test(problem.message)
          ? // `nodes: *` meaning every node: YAML reads a bare * as an alias (a reference to an &anchor).
            'a bare * starts a YAML alias; to select every node, quote it: "*"'
          : problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
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

/**
 * The document as plain data, aliases expanded. yaml's own alias bound (`maxAliasCount`) is off: the structure check
 * has bounded the expansion already, with a position, and undefined or circular aliases cannot reach here.
 */
function toPlainData(document: Document, findings: Findings): unknown {
  try {
    return document.toJS({ maxAliasCount: -1 });
  } catch (error) {
    findings.error({ path: [], rule: `cannot expand the YAML: ${(error as Error).message}` });
    return undefined;
  }
}

/** `scenarios/web tier.yaml` -> `web-tier`: a valid scenario name from a file name (cut to the name length limit). */
export function nameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base.replace(/\.(ya?ml|json)$/i, '');
  const name = stem
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, LIMITS.nameCharacters);
  return name === '' ? 'scenario' : name;
}
