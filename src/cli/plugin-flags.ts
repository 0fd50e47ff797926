import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import type { PluginPermission } from '../scenario/index.js';
import { printable } from '../scenario/plugin-permission.js';

/** `--allow-plugin <path>` (repeatable) and `--allow-plugins`, for every command that loads scenarios. */
export function withPluginFlags<T>(y: Argv<T>) {
  return y
    .option('allow-plugin', {
      describe: 'let scenarios load this plug-in module: it runs code with your rights (repeatable)',
      type: 'string',
      requiresArg: true,
    })
    .option('allow-plugins', {
      describe: 'let scenarios load plug-in modules inside their own folder (never outside it via .. or symlinks)',
      type: 'boolean',
      default: false,
    });
}

/**
 * The permission the flags grant. Each `--allow-plugin` path is resolved against the working directory and must be
 * an existing file: a mistyped path would otherwise allow nothing and leave the user puzzling over the refusal.
 */
export function pluginPermissionOf(args: Record<string, unknown>): { permission: PluginPermission } | { error: string } {
  const written = args.allowPlugin === undefined ? [] : ([] as unknown[]).concat(args.allowPlugin).map(String);
  const modules: string[] = [];
  for (const path of written) {
    const absolute = resolve(path);
    if (!isFile(absolute)) {
      return { error: `--allow-plugin: cannot find '${printable(path)}' (${printable(absolute)}); expected the path of a plug-in module file` };
    }
    modules.push(absolute);
  }
  return { permission: { modules, underScenarioFolder: args.allowPlugins === true } };
}

/** True for a file, or a symlink to one (stat follows links). */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
