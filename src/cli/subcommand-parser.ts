import type { Argv } from 'yargs';
import { EXIT_INVALID_INPUT, EXIT_OK } from './exit-codes.js';

/** Where a command line stops before its command runs: its help (stdout, exit 0) or a usage mistake (stderr, 2). */
export interface ParseStop {
  ok: false;
  text: string;
  toStderr: boolean;
  exitCode: number;
}

/**
 * Finishes a subcommand's yargs parser the way every subcommand does (strict options, its examples and epilogue,
 * -h, no --version, wrapped to the terminal up to 110 columns, never exiting the process) and parses `argv` with
 * it: the help goes back as a stop with exit 0, a usage mistake as a stop with exit 2 worded by `mistake` (by
 * default yargs' own text), anything else through `toRequest`.
 */
export function parseSubcommand<T, R>(
  parser: Argv<T>,
  argv: readonly string[],
  look: { examples?: [string, string][]; epilogue: string; width: number },
  toRequest: (args: Record<string, unknown>) => R | ParseStop,
  mistake: (message: string, output: string) => ParseStop = (message, output) => ({
    ok: false,
    text: output || message,
    toStderr: true,
    exitCode: EXIT_INVALID_INPUT,
  }),
): Promise<R | ParseStop> {
  const finished = parser
    .strict()
    .example(look.examples ?? [])
    .epilogue(look.epilogue)
    .help()
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(look.width, 110))
    .exitProcess(false);
  return new Promise((resolve) => {
    finished.parse([...argv], {}, (error, args, output) => {
      if (error !== null && error !== undefined) resolve(mistake(String(error.message), output));
      else if (output !== '') resolve({ ok: false, text: output, toStderr: false, exitCode: EXIT_OK });
      else resolve(toRequest(args as Record<string, unknown>));
    });
  });
}
