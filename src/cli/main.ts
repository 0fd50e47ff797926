import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeLine, scenarioJsonSchemaText } from '../scenario/index.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';
import { parseArgs } from './parse-args.js';
import { runCommand } from './run-command.js';
import { validateCommand } from './validate-command.js';

/**
 * The clustersim command line. Returns the exit code rather than exiting, so tests run it in-process (with a
 * recording `io`) and bin/clustersim.js sets `process.exitCode`. A mistake in the input never shows a stack trace:
 * the commands report user errors themselves (exit 2); anything that escapes them is a bug (exit 1).
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    if (argv[0] === 'compare') return await (await import('./compare-command.js')).compareCommand(argv.slice(1), io);
    if (argv[0] === 'check') return await (await import('./check-command.js')).checkCommand(argv.slice(1), io);
    if (argv[0] === 'merge') return await (await import('./shards.js')).mergeCommand(argv.slice(1), io);
    if (argv[0] === 'size') return await (await import('./size-command.js')).sizeCommand(argv.slice(1), io);
    const request = await parseArgs(argv, packageVersion(), io.terminal?.columns ?? 120);
    switch (request.command) {
      case 'print':
        if (request.toStderr) io.err(`${usageText(request.text)}\n`);
        else io.out(request.text.endsWith('\n') ? request.text : `${request.text}\n`);
        return request.exitCode;
      case 'schema':
        io.out(scenarioJsonSchemaText());
        return EXIT_OK;
      case 'validate':
        return await validateCommand(request, io);
      case 'run':
        return await runCommand(request, io);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `${safeLine(`clustersim: internal error: ${message}`)}\n` +
        'This is a bug in clustersim; please report it with the command and scenario that caused it.\n',
    );
    return EXIT_FAILURE;
  }
}

/** A usage error echoes the arguments (yargs: "Unknown argument: ..."): each line escaped and cut like any error. */
function usageText(text: string): string {
  return text.replace(/\n$/, '').split('\n').map(safeLine).join('\n');
}

/** The version in package.json, found by walking up from this file (src/cli/ in tests, dist/src/cli/ when built). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'clustersim' && pkg.version !== undefined) return pkg.version;
    } catch {
      // no package.json at this level: keep walking up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
