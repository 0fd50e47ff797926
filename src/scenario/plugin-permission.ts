import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Findings } from './issues.js';
import { formatPath, type FieldPath } from './paths.js';

/**
 * Which plug-in modules a scenario may name. A scenario file is data: it may come from a colleague or a CI artefact,
 * and must never run code by itself. A module runs with the user's full rights, so none is allowed unless the user
 * (or the library caller) says so. Everything is compared by real path, so `../` and symlinks cannot slip through.
 */
export interface PluginPermission {
  /**
   * Modules allowed one by one (`--allow-plugin <path>`): paths of files, relative ones resolved against the working
   * directory. A scenario's module is allowed when its real path is the real path of one of these.
   */
  modules?: readonly string[];
  /**
   * Every module whose real path lies inside the real folder of the scenario file, subfolders included
   * (`--allow-plugins`); never one outside it, whether reached through `..` or a symlink.
   */
  underScenarioFolder?: boolean;
}

/** The command-line flag that grants a permission, named in messages and by `validate`. */
export type PluginGrant = '--allow-plugin' | '--allow-plugins';

/** A module a scenario will load, once allowed. */
export interface AllowedPlugin {
  /** Dotted field path that names it: `balancer.policy.module`. */
  field: string;
  /** The module's real path: what the run imports. */
  module: string;
  allowedBy: PluginGrant;
}

const ALLOW_VALID =
  "--allow-plugin <path> for this module if you trust it, or --allow-plugins for every module inside the scenario's " +
  'folder (in the library: LoadOptions.allowPlugins)';

/**
 * The one gate every place a scenario names a module goes through (today `balancer.policy.module`). It resolves
 * the written path against the scenario file's folder and checks it against the permission; nothing is imported
 * here, so a refused module never runs. Created per scenario load; `allowed` lists what passed, for `validate`.
 */
export class PluginGate {
  readonly allowed: AllowedPlugin[] = [];
  private readonly folder: string;

  /** `file` is the scenario's path as the user gave it (relative to the working directory, or absolute). */
  constructor(
    file: string,
    private readonly permission: PluginPermission = {},
  ) {
    this.folder = dirname(resolve(file));
  }

  /**
   * The real path to import for the module written at `field`, or undefined after reporting why it may not be
   * loaded: plug-ins not allowed at all, the module not found, or found outside what is allowed.
   */
  admit(written: string, field: FieldPath, findings: Findings): string | undefined {
    const lexical = resolve(this.folder, written);
    const allowedModules = this.permission.modules ?? [];
    const underFolder = this.permission.underScenarioFolder === true;
    const refuse = (rule: string, valid: string) => {
      findings.error({ path: field, value: written, rule, valid });
      return undefined;
    };
    if (allowedModules.length === 0 && !underFolder) {
      return refuse(`plug-in modules run code and are off unless allowed (this one: ${printable(lexical)})`, ALLOW_VALID);
    }
    const real = realPath(lexical);
    if (real === undefined) {
      return refuse(
        `cannot find the module ${printable(lexical)} (a relative path is resolved against the scenario's folder)`,
        'the path of an existing ES module ending in .js or .mjs',
      );
    }
    let allowedBy: PluginGrant | undefined;
    if (allowedModules.some((module) => realPath(resolve(module)) === real)) allowedBy = '--allow-plugin';
    else if (underFolder && isInside(real, realPath(this.folder))) allowedBy = '--allow-plugins';
    if (allowedBy === undefined) {
      const reasons: string[] = [];
      if (allowedModules.length > 0) reasons.push('not one of the modules named by --allow-plugin');
      if (underFolder) reasons.push(`not inside the scenario's folder ${printable(realPath(this.folder) ?? this.folder)}`);
      return refuse(
        `plug-in modules run code and are off unless allowed; this one (real path ${printable(real)}) is ${reasons.join(' and ')}`,
        `--allow-plugin ${printable(real)} if you trust it`,
      );
    }
    this.allowed.push({ field: formatPath(field), module: real, allowedBy });
    return real;
  }
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** True when `path` lies strictly below `folder` (both real paths); a folder that cannot be found holds nothing. */
function isInside(path: string, folder: string | undefined): boolean {
  if (folder === undefined) return false;
  const below = relative(folder, path);
  return below !== '' && below !== '..' && !below.startsWith(`..${sep}`) && !isAbsolute(below);
}

/** A path as it can safely go to a terminal: control characters escaped, so a file name cannot clear the screen. */
export function printable(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
