import type { ScenarioSpec } from '../model/spec.js';
import type { AllowedPlugin, Override, PluginPermission, ScenarioIssue } from '../scenario/index.js';
import type { CliIo } from './io.js';
import { printIssues } from './print-issues.js';
import { expandScenarioPaths, loadScenarioFile } from './scenario-files.js';

export interface LoadedScenario {
  file: string;
  spec: ScenarioSpec;
  source: { path: string; text: string };
  /** The plug-in modules it will load, each allowed by a flag. */
  plugins: AllowedPlugin[];
}

export interface LoadedAll {
  scenarios: LoadedScenario[];
  /** Every error of every file (already printed). */
  errors: ScenarioIssue[];
  /** Files named on the command line, after folder expansion. */
  files: string[];
}

/**
 * Loads and validates every named scenario before anything runs, printing all errors and warnings to stderr: a
 * mistake in the tenth file is found before the first one spends an hour running. A plug-in module not allowed by
 * `allowPlugins` is one of those errors: refused before anything is imported.
 */
export async function loadAll(
  paths: readonly string[],
  overrides: readonly Override[],
  allowPlugins: PluginPermission,
  io: CliIo,
): Promise<LoadedAll> {
  const loaded = await loadEach(paths, overrides, allowPlugins, (warnings) => printIssues(warnings, io));
  const sameName = sameNameIssues(loaded.scenarios);
  loaded.errors.push(...sameName);
  printIssues(loaded.errors, io);
  return loaded;
}

/**
 * Loads every file the paths name (folders expanded), handing each file's warnings to `warn` as it goes; the errors
 * come back unprinted, so each command says them its own way.
 */
export async function loadEach(
  paths: readonly string[],
  overrides: readonly Override[],
  allowPlugins: PluginPermission,
  warn: (warnings: readonly ScenarioIssue[]) => void,
): Promise<LoadedAll> {
  const { files, issues } = await expandScenarioPaths(paths);
  const errors: ScenarioIssue[] = [...issues];
  const scenarios: LoadedScenario[] = [];
  for (const file of files) {
    const result = await loadScenarioFile(file, overrides, allowPlugins);
    errors.push(...result.errors);
    warn(result.warnings);
    if (result.spec !== undefined) scenarios.push({ file, spec: result.spec, source: result.source, plugins: result.plugins });
  }
  return { scenarios, errors, files };
}

/** Two scenarios with one name would write (and replace) the same report folder. */
function sameNameIssues(scenarios: readonly LoadedScenario[]): ScenarioIssue[] {
  const firstFile = new Map<string, string>();
  const issues: ScenarioIssue[] = [];
  for (const { file, spec } of scenarios) {
    const first = firstFile.get(spec.name);
    if (first === undefined) firstFile.set(spec.name, file);
    else {
      issues.push({
        severity: 'error',
        file,
        path: 'name',
        value: spec.name,
        rule: `the same scenario name as ${first}: both reports would go to one folder`,
        valid: 'a name no other scenario in this run uses',
      });
    }
  }
  return issues;
}

/** "3 errors in 2 files" */
export function errorSummary(errors: readonly ScenarioIssue[]): string {
  const files = new Set(errors.map((e) => e.file)).size;
  return `${errors.length} error${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
}
