import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';
import { formatWallTime } from './wall-time-format.js';

/** Runs shorter than this show no progress at all: a bar that flashes for a moment is noise. */
const QUIET_PERIOD_MS = 1000;
/** Plain-text progress (a log, a CI job) prints a line per this many percent, not per update. */
const PLAIN_STEP_PERCENT = 10;

export interface Progress {
  update(fraction: number): void;
  /** Ends the display; `completed` false (a failed or interrupted run) leaves out the closing 100 %. */
  finish(completed?: boolean): void;
}

/**
 * The wall time left if the rest of the run goes at the pace so far: `about 12 s left`. Before the first percent
 * the pace says little, and the line says so rather than guess.
 */
export function remainingText(elapsedMs: number, fraction: number): string {
  if (!(fraction >= 0.01)) return 'time left not known yet';
  const remaining = ((elapsedMs / 1000) * (1 - Math.min(1, fraction))) / fraction;
  return `about ${formatWallTime(remaining)} left`;
}

/**
 * Progress of one scenario on stderr: a cli-progress bar on a terminal, plain lines ("web-tier: 40 %, about 12 s
 * left") otherwise, nothing when quiet, and nothing at all for runs that finish within about a second. Timing comes
 * from the wall clock at each update (io.now), not from timers, so the time left is the same on the bar and in
 * the lines.
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
      const elapsed = io.now() - started;
      if (elapsed < QUIET_PERIOD_MS) return;
      const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
      const left = remainingText(elapsed, fraction);
      shown = true;
      if (terminal !== undefined) {
        if (bar === undefined) {
          const format = `${name} [{bar}] {percentage} % | {left}`;
          const options = { stream: terminal, format, hideCursor: true, clearOnComplete: true };
          bar = new cliProgress.SingleBar(options, cliProgress.Presets.shades_classic);
          bar.start(100, percent, { left });
        } else bar.update(percent, { left });
        return;
      }
      const step = Math.floor(percent / PLAIN_STEP_PERCENT) * PLAIN_STEP_PERCENT;
      if (step > lastPrinted && step < 100) {
        lastPrinted = step;
        io.err(`${name}: ${step} %, ${left}\n`);
      }
    },
    finish(completed = true) {
      if (bar !== undefined) {
        if (completed) bar.update(100, { left: 'done' });
        bar.stop();
      } else if (shown && completed) io.err(`${name}: 100 %\n`);
    },
  };
}
