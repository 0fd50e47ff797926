import type { Argv } from 'yargs';
import { safeLine } from '../scenario/index.js';
import { EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';
import type { CliIo } from './io.js';
import { knownOptionsOf, usageErrorText } from './usage-error.js';

/** Where a command line stops before its command runs: its help (stdout, exit 0) or a usage mistake (stderr, 2). */
export interface ParseStop {
  ok: false;
  text: string;
  toStderr: boolean;
  exitCode: number;
}

/**
 * Finishes a subcommand's yargs parser the way every subcommand does (its program name for $0, strict options, its examples and epilogue,
 * -h, no --version, wrapped to the terminal up to 110 columns, never exiting the process) and parses `argv` with
 * it: the help goes back as a stop with exit 0; a usage mistake as a stop with exit 2, one line naming it with a
 * did-you-mean (usage-error.ts) rather than the whole help; anything else through `toRequest`.
 */
export function parseSubcommand<T, R>(
  parser: Argv<T>,
  argv: readonly string[],
  command: { program: string; positionals: readonly string[]; examples?: [string, string][]; epilogue: string; width: number },
  toRequest: (args: Record<string, unknown>) => R | ParseStop,
): Promise<R | ParseStop> {
  const finished = parser
    .scriptName(command.program)
    .strict()
    .example(command.examples ?? [])
    .epilogue(command.epilogue)
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(command.width, 110))
    .exitProcess(false);
  return new Promise((resolve) => {
    finished.parse([...argv], {}, (error, args, output) => {
      if (error !== null && error !== undefined) {
        const known = knownOptionsOf(finished, command.positionals);
        resolve({ ok: false, text: usageErrorText(command.program, String(error.message), argv, known), toStderr: true, exitCode: EXIT_INVALID_INPUT });
      } else if (output !== '') {
        resolve({ ok: false, text: output, toStderr: false, exitCode: EXIT_OK });
      } else {
        resolve(toRequest(args as Record<string, unknown>));
      }
    });
  });
}

/** A usage mistake found after parsing (a bad option value): one line naming it, and where the help is. */
export function usageStop(program: string, message: string): ParseStop {
  return { ok: false, text: `${program}: ${message}\nRun '${program} --help' for usage.`, toStderr: true, exitCode: EXIT_INVALID_INPUT };
}

/** Prints a stop where it belongs (help on stdout, a mistake on stderr) and gives its exit code. */
export function printStop(stop: ParseStop, io: CliIo): number {
  (stop.toStderr ? io.err : io.out)(stop.text.endsWith('\n') ? stop.text : `${stop.text}\n`);
  return stop.exitCode;
}

/** The way a subcommand refuses its input once parsed (a bad scenario or baseline): one safe line, exit 2. */
export function inputFailure(program: string, io: CliIo): (message: string) => number {
  return (message) => {
    io.err(`${safeLine(`${program}: ${message}`)}\n`);
    return EXIT_INVALID_INPUT;
  };
}
