import type { CliIo } from './io.js';

/** The phases of a run at which a test may interrupt it. */
export type TestPhase = 'simulating' | 'writing' | 'replacing';

/** Long enough for any test to send its signal; short enough that a forgotten variable cannot hang a job for good. */
const MAX_PAUSE_MS = 60_000;

/**
 * TEST ONLY. With CLUSTERSIM_TEST_PAUSE=<phase> in the environment, the CLI prints `clustersim-test: at <phase>` on
 * stderr when a run reaches that phase, so that test/e2e/signals.test.ts can send a signal exactly there. At
 * `writing` (the first report file is in the temporary folder) and `replacing` (the previous report renamed aside,
 * the new one not yet in) it also waits, until interrupted or for at most a minute; at `simulating` (the worker
 * threads have started) the simulation itself is the wait. Unset, this costs nothing and changes nothing.
 */
export function testPause(io: CliIo, signal: AbortSignal): (phase: TestPhase) => Promise<void> {
  const wanted = process.env.CLUSTERSIM_TEST_PAUSE;
  if (wanted === undefined || wanted === '') return async () => {};
  return async (phase) => {
    if (phase !== wanted) return;
    io.err(`clustersim-test: at ${phase}\n`);
    if (phase === 'simulating' || signal.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, MAX_PAUSE_MS);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  };
}
