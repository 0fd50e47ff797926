import { escapeControlCharacters, type Override } from '../scenario/index.js';
import { EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { errorSummary, loadAll } from './load-all.js';

/** `clustersim validate <paths..>`: every problem of every file, and a verdict per valid scenario on stdout. */
export async function validateCommand(
  paths: readonly string[],
  overrides: readonly Override[],
  io: CliIo,
): Promise<number> {
  const { scenarios, errors } = await loadAll(paths, overrides, io);
  for (const { file, spec } of scenarios) {
    const nodes = plural(spec.nodes.length, 'node', 'nodes');
    const classes = plural(spec.workload.length, 'class', 'classes');
    io.out(`ok ${escapeControlCharacters(file)}: '${spec.name}', ${nodes}, ${classes}\n`);
  }
  if (errors.length === 0) return EXIT_OK;
  io.err(`clustersim: ${errorSummary(errors)}\n`);
  return EXIT_INVALID_INPUT;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
