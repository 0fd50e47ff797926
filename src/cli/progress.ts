import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

/** Runs shorter than this show no progress at all: a bar that flashes for a moment is noise. */
const QUIET_PERIOD_MS = 1000;
/** Plain-text progress (a log, a CI job) prints a line per this many percent, not per update. */
const PLAIN_STEP_PERCENT = 10;

export interface Progress {
  update(fraction: number): void;
  finish(): void;
}

/**
 * Progress of one scenario on stderr: a cli-progress bar on a terminal, plain lines ("web-tier: 40 %") otherwise,
 * nothing when quiet, and nothing at all for runs that finish within about a second. The simulation runs
 * synchronously, so timing comes from the wall clock at each update, not from timers.
 */
export function startProgress(name: string, io: CliIo, quiet: boolean): Progress {
  if (quiet) return { update: () => {}, finish: () => {} };
  const started = io.now();
  const terminal = io.terminal;
  let bar: cliProgress.SingleBar | undefined;
  let lastPrinted = -1;
  let shown = false;

  return {
    update(fraction) {
      if (io.now() - started < QUIET_PERIOD_MS) return;
      const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
      shown = true;
      if (terminal !== undefined) {
        if (bar === undefined) {
          const format = `${name} [{bar}] {percentage} % | eta {eta_formatted}`;
          const options = { stream: terminal, format, hideCursor: true, clearOnComplete: true };
          bar = new cliProgress.SingleBar(options, cliProgress.Presets.shades_classic);
          bar.start(100, percent);
        } else bar.update(percent);
        return;
      }
      const step = Math.floor(percent / PLAIN_STEP_PERCENT) * PLAIN_STEP_PERCENT;
      if (step > lastPrinted && step < 100) {
        lastPrinted = step;
        io.err(`${name}: ${step} %\n`);
      }
    },
    finish() {
      if (bar !== undefined) {
        bar.update(100);
        bar.stop();
      } else if (shown) io.err(`${name}: 100 %\n`);
    },
  };
}
