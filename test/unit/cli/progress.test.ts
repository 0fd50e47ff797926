import { describe, expect, test } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { startProgress } from '../../../src/cli/progress.js';

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

  test('plain lines every 10 % when stderr is not a terminal, once the run is past a second', () => {
    const { io, clock, stderr } = fakeIo();
    const progress = startProgress('web-tier', io, false);
    for (let i = 1; i <= 100; i++) {
      clock.now = i * 50; // 5 s in all: the first second stays quiet
      progress.update(i / 100);
    }
    progress.finish();
    expect(stderr().split('\n')).toEqual([
      'web-tier: 20 %',
      'web-tier: 30 %',
      'web-tier: 40 %',
      'web-tier: 50 %',
      'web-tier: 60 %',
      'web-tier: 70 %',
      'web-tier: 80 %',
      'web-tier: 90 %',
      'web-tier: 100 %',
      '',
    ]);
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
