/** The process exit codes, documented in `--help`: scripts and CI branch on them. */
export const EXIT_OK = 0;
/** A run failed or clustersim itself failed (a bug): not the user's input. */
export const EXIT_FAILURE = 1;
/** Invalid input: a scenario error, a missing file, or a usage error on the command line. */
export const EXIT_INVALID_INPUT = 2;
/** Interrupted by SIGINT (Ctrl-C) or SIGTERM: 128 + the signal's number, what a shell reports for a killed process. */
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  success',
  '  1  a run failed, or an internal error (please report it)',
  '  2  invalid input: scenario errors, missing files, bad options (no report is written)',
  '  130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: the report in progress is not written, the previous one kept',
].join('\n');
