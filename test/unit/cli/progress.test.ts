import { describe, expect, test } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { remainingText, startProgress } from '../../../src/cli/progress.js';
import { formatWallTime } from '../../../src/cli/wall-time-format.js';

/** An io whose wall clock the test moves by hand. */
function fakeIo() {
  const clock = { now: 0 };
  let stderr = '';
  const io: CliIo = { out: () => {}, err: (text) => (stderr += text), now: () => clock.now };
  return { io, clock, stderr: () => stderr };
}

describe('progress on stderr', () => {
  test('nothing for a run that ends within about a second', () => {
    const { io, clock, stderr } = fakeIo();
    const progress = startProgress('web-tier', io, false);
    for (let i = 1; i <= 10; i++) {
      clock.now = i * 90;
      progress.update(i / 10);
    }
    progress.finish();
    expect(stderr()).toBe('');
  });

  test('plain lines every 10 % with the time left at the pace so far, once the run is past a second', () => {
    const { io, clock, stderr } = fakeIo();
    const progress = startProgress('web-tier', io, false);
    for (let i = 1; i <= 100; i++) {
      clock.now = i * 100; // 1 % per 100 ms, 10 s in all: at i % done, 10 - i / 10 s are left
      progress.update(i / 100);
    }
    progress.finish();
    expect(stderr().split('\n')).toEqual([
      'web-tier: 10 %, about 9 s left',
      'web-tier: 20 %, about 8 s left',
      'web-tier: 30 %, about 7 s left',
      'web-tier: 40 %, about 6 s left',
      'web-tier: 50 %, about 5 s left',
      'web-tier: 60 %, about 4 s left',
      'web-tier: 70 %, about 3 s left',
      'web-tier: 80 %, about 2 s left',
      'web-tier: 90 %, about 1 s left',
      'web-tier: 100 %',
      '',
    ]);
  });

  test('a long run: the time left in minutes and hours', () => {
    const { io, clock, stderr } = fakeIo();
    const progress = startProgress('long', io, false);
    clock.now = 10 * 60_000; // 10 % in 10 min: 90 min left at that pace
    progress.update(0.1);
    clock.now = 25 * 60_000 + 30_000; // 50 % in 25.5 min: as much again
    progress.update(0.5);
    expect(stderr()).toBe('long: 10 %, about 1 h 30 min left\nlong: 50 %, about 25 min 30 s left\n');
  });

  test('a failed or interrupted run ends without the closing 100 %', () => {
    const { io, clock, stderr } = fakeIo();
    const progress = startProgress('web-tier', io, false);
    clock.now = 2000;
    progress.update(0.2);
    progress.finish(false);
    expect(stderr()).toBe('web-tier: 20 %, about 8 s left\n');
  });

  test('--quiet: nothing at all', () => {
    const { io, clock, stderr } = fakeIo();
    const progress = startProgress('web-tier', io, true);
    clock.now = 10_000;
    progress.update(0.5);
    progress.finish();
    expect(stderr()).toBe('');
  });
});

describe('the time left', () => {
  test('whole seconds; minutes with seconds; hours with minutes; a zero lower unit left out', () => {
    const cases: [number, string][] = [
      [0, '0 s'],
      [0.0004, '1 ms'],
      [0.3, '300 ms'],
      [0.5, '1 s'],
      [59.4, '59 s'],
      [60, '1 min'],
      [245, '4 min 05 s'],
      [3599, '59 min 59 s'],
      [3600, '1 h'],
      [7500, '2 h 05 min'],
      [30 * 3600, '30 h'],
      [Infinity, 'unbounded'],
    ];
    for (const [seconds, text] of cases) expect(formatWallTime(seconds), String(seconds)).toBe(text);
  });

  test('before 1 % is done the pace says too little to extrapolate', () => {
    expect(remainingText(5000, 0)).toBe('time left not known yet');
    expect(remainingText(5000, 0.009)).toBe('time left not known yet');
    expect(remainingText(5000, 0.01)).toBe('about 8 min 15 s left'); // 5 s per 1 %: 99 % take 495 s
  });
});
