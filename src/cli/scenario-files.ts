import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  fileTooLargeIssue,
  LIMITS,
  loadScenario,
  type LoadResult,
  type Override,
  type PluginPermission,
  type ScenarioIssue,
} from '../scenario/index.js';
import { readBounded } from './read-bounded.js';

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** A path named on the command line that is not a readable scenario (or folder of them). */
function pathIssue(path: string, rule: string, valid?: string): ScenarioIssue {
  return { severity: 'error', file: path, path: '', rule, valid };
}

/**
 * The scenario files the user named: files as given, folders as every *.yaml, *.yml and *.json directly inside,
 * sorted by name so a folder always runs in the same order. Problems (missing paths, empty folders) come back as
 * issues, so they are reported with the scenario errors and exit 2 the same way.
 */
export async function expandScenarioPaths(
  paths: readonly string[],
): Promise<{ files: string[]; issues: ScenarioIssue[] }> {
  const files: string[] = [];
  const issues: ScenarioIssue[] = [];
  for (const path of paths) {
    let kind: 'file' | 'folder';
    try {
      kind = (await stat(path)).isDirectory() ? 'folder' : 'file';
    } catch (error) {
      issues.push(pathIssue(path, `cannot read: ${systemReason(error)}`, 'an existing scenario file or folder'));
      continue;
    }
    if (kind === 'file') {
      files.push(path);
      continue;
    }
    const inside = (await readdir(path)).filter((name) => SCENARIO_EXTENSIONS.has(extname(name).toLowerCase())).sort();
    if (inside.length === 0) {
      issues.push(pathIssue(path, 'the folder holds no scenario files', '*.yaml, *.yml or *.json files'));
    }
    files.push(...inside.map((name) => join(path, name)));
  }
  return { files, issues };
}

/**
 * Reads and loads one scenario file; an unreadable or too large file is one error in the result rather than an
 * exception (a too large one is refused before it is read into memory). A plug-in module it names is refused unless
 * `allowPlugins` allows it.
 */
export async function loadScenarioFile(
  file: string,
  overrides: readonly Override[],
  allowPlugins: PluginPermission,
): Promise<LoadResult> {
  let read: Awaited<ReturnType<typeof readBounded>>;
  try {
    read = await readBounded(file, LIMITS.fileBytes);
  } catch (error) {
    const unreadable = pathIssue(file, `cannot read: ${systemReason(error)}`);
    return { errors: [unreadable], warnings: [], plugins: [], source: { path: file, text: '' } };
  }
  if ('tooLarge' in read) {
    return { errors: [fileTooLargeIssue(file, read.tooLarge)], warnings: [], plugins: [], source: { path: file, text: '' } };
  }
  return loadScenario(read.text, { file, overrides, allowPlugins });
}

/** "no such file or directory" rather than "ENOENT: no such file or directory, open 'x.yaml'". */
function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return (code !== undefined ? reasons[code] : undefined) ?? (error as Error).message;
}
