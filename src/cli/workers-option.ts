import type { PluginPermission } from '../scenario/index.js';
import { pluginPermissionOf } from './plugin-flags.js';

/**
 * `--workers N` as written (the last one given): N, or undefined when absent, or the usage error for anything but
 * an integer >= 1.
 */
export function workersOption(raw: unknown): { workers: number | undefined } | { error: string } {
  if (raw === undefined) return { workers: undefined };
  const text = String(([] as unknown[]).concat(raw).pop());
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 1) return { error: `--workers: bad value '${text}': expected an integer >= 1` };
  return { workers };
}

/**
 * The options every command that runs scenarios reads the same way: `--workers` and the plug-in permission flags,
 * or the first usage error among them.
 */
export function runnerOptions(args: Record<string, unknown>): { workers: number | undefined; allowPlugins: PluginPermission } | { error: string } {
  const workers = workersOption(args.workers);
  if ('error' in workers) return workers;
  const plugins = pluginPermissionOf(args);
  if ('error' in plugins) return plugins;
  return { workers: workers.workers, allowPlugins: plugins.permission };
}
