import { escapeControlCharacters, type AllowedPlugin, type Override, type PluginPermission } from '../scenario/index.js';
import { printable } from '../scenario/plugin-permission.js';
import { EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { errorSummary, loadAll } from './load-all.js';

export interface ValidateCommandOptions {
  paths: readonly string[];
  overrides: readonly Override[];
  /** The plug-in modules scenarios may name; a module not allowed fails validation as it would fail a run. */
  allowPlugins?: PluginPermission;
}

/**
 * `clustersim validate <paths..>`: every problem of every file, and a verdict per valid scenario on stdout, naming
 * each plug-in module the scenario would load and the flag that allows it. Validation imports no module.
 */
export async function validateCommand(options: ValidateCommandOptions, io: CliIo): Promise<number> {
  const { scenarios, errors } = await loadAll(options.paths, options.overrides, options.allowPlugins ?? {}, io);
  for (const { file, spec, plugins } of scenarios) {
    const nodes = plural(spec.nodes.length, 'node', 'nodes');
    const classes = plural(spec.workload.length, 'class', 'classes');
    io.out(`ok ${escapeControlCharacters(file)}: '${spec.name}', ${nodes}, ${classes}${plugins.map(wouldLoad).join('')}\n`);
  }
  if (errors.length === 0) return EXIT_OK;
  io.err(`clustersim: ${errorSummary(errors)}\n`);
  return EXIT_INVALID_INPUT;
}

function wouldLoad(plugin: AllowedPlugin): string {
  return `; would load plug-in module ${printable(plugin.module)} (allowed by ${plugin.allowedBy})`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
