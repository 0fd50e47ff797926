import { EXIT_SIGINT, EXIT_SIGTERM } from './exit-codes.js';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const EXIT_CODES: Record<InterruptSignal, number> = { SIGINT: EXIT_SIGINT, SIGTERM: EXIT_SIGTERM };

/** The reason an interrupted run stops with: the work in progress unwinds with it, tidying up on the way. */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(readonly signalName: InterruptSignal) {
    super(`interrupted by ${signalName}`);
    this.name = 'Interrupted';
    this.exitCode = EXIT_CODES[signalName];
  }
}

/** Where signals come from: the process, or a test's stand-in. */
export interface SignalSource {
  on(signal: InterruptSignal, listener: () => void): unknown;
  off(signal: InterruptSignal, listener: () => void): unknown;
  /** Ends the process at once, with this code. */
  exitNow(code: number): void;
}

export interface InterruptWatch {
  /** Aborted, with an Interrupted as its reason, at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Stops listening; signals then have their default effect again. */
  close(): void;
}

/** The reason `signal` was aborted with, when it was an interrupt. */
export function interruptOf(signal: AbortSignal): Interrupted | undefined {
  return signal.aborted && signal.reason instanceof Interrupted ? signal.reason : undefined;
}

/**
 * Turns the first SIGINT or SIGTERM into an abort that the command unwinds through (stop the worker threads,
 * remove the temporary folder, keep or restore the previous report), so that the process ends with the signal's
 * exit code after tidying up rather than in the middle of a replace. A second signal ends the process at once:
 * whatever it leaves, the next run into the same folder tidies up. Without a source (the in-process tests) the
 * signal never fires.
 */
export function watchInterrupts(source: SignalSource | undefined, warn: (text: string) => void): InterruptWatch {
  const controller = new AbortController();
  if (source === undefined) return { signal: controller.signal, close: () => {} };
  const listeners = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const listener = () => {
      const first = interruptOf(controller.signal);
      if (first === undefined) {
        controller.abort(new Interrupted(name));
        return;
      }
      warn('clustersim: interrupted again: exiting now; the next run into this folder tidies up what is left\n');
      source.exitNow(first.exitCode);
    };
    source.on(name, listener);
    return { name, listener };
  });
  return {
    signal: controller.signal,
    close: () => {
      for (const { name, listener } of listeners) source.off(name, listener);
    },
  };
}
