import type { SignalSource } from './interrupt.js';

/**
 * The terminal as the commands see it. `main` uses the real process streams; tests pass a recorder, so every
 * command runs in-process and its output can be checked without spawning a process.
 */
export interface CliIo {
  /** Results: report folders, the schema, validation verdicts. */
  out(text: string): void;
  /** Errors, warnings and progress. */
  err(text: string): void;
  /** The stderr stream when it is a terminal (for the progress bar); undefined otherwise. */
  terminal?: NodeJS.WriteStream;
  /** Milliseconds on the wall clock, for "runs longer than about a second" (never used by the model). */
  now(): number;
  /** SIGINT and SIGTERM, which `run` and `compare` turn into a tidy stop; absent: never interrupted. */
  signals?: SignalSource;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    terminal: process.stderr.isTTY ? process.stderr : undefined,
    now: () => Date.now(),
    signals: {
      on: (signal, listener) => process.on(signal, listener),
      off: (signal, listener) => process.off(signal, listener),
      exitNow: (code) => process.exit(code),
    },
  };
}
