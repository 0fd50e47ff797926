import { describe, expect, it } from 'vitest';
import { EventQueue, maxKinds, maxTarget } from '../../../src/engine/event-queue.js';
import { RandomStreams } from '../../../src/engine/rng.js';

interface Popped {
  time: number;
  kind: number;
  target: number;
}

function pop(queue: EventQueue): Popped {
  queue.pop();
  return { time: queue.poppedTime, kind: queue.poppedKind, target: queue.poppedTarget };
}

function drain(queue: EventQueue): Popped[] {
  const out: Popped[] = [];
  while (queue.size > 0) out.push(pop(queue));
  return out;
}

/** The reference order: after every entry with time <= this one (a later insertion leaves later among ties). */
function insertSorted<T extends { time: number }>(reference: T[], entry: T): void {
  let lo = 0;
  let hi = reference.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reference[mid].time <= entry.time) lo = mid + 1;
    else hi = mid;
  }
  reference.splice(lo, 0, entry);
}

describe('EventQueue', () => {
  it('is empty at first: size 0, peekTime Infinity', () => {
    const queue = new EventQueue();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Infinity);
  });

  it('pops in order of time', () => {
    const queue = new EventQueue();
    const times = [5, 1, 4, 2, 3, 0.5, 10, 7];
    times.forEach((t, i) => queue.push(t, 1, i));
    expect(queue.peekTime()).toBe(0.5);
    expect(drain(queue).map((e) => e.time)).toEqual([...times].sort((a, b) => a - b));
  });

  it('breaks ties in time by insertion order', () => {
    const queue = new EventQueue();
    for (let i = 0; i < 100; i++) queue.push(i % 3 === 0 ? 1 : 2, i % maxKinds, i);
    const out = drain(queue);
    const firsts = out.filter((e) => e.time === 1).map((e) => e.target);
    const seconds = out.filter((e) => e.time === 2).map((e) => e.target);
    expect(firsts).toEqual(firsts.slice().sort((a, b) => a - b));
    expect(seconds).toEqual(seconds.slice().sort((a, b) => a - b));
    expect(out.slice(0, firsts.length).every((e) => e.time === 1)).toBe(true);
  });

  it('keeps insertion order among equal times even when pushes and pops interleave', () => {
    const queue = new EventQueue(4);
    let next = 0;
    const popped: number[] = [];
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 7; k++) queue.push(42, 0, next++);
      for (let k = 0; k < 5; k++) popped.push(pop(queue).target);
    }
    popped.push(...drain(queue).map((e) => e.target));
    expect(popped).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  it('carries kind and target through, including the largest target and kind', () => {
    const queue = new EventQueue();
    queue.push(2, maxKinds - 1, maxTarget);
    queue.push(1, 0, 0);
    queue.push(3, 7, 123_456);
    expect(drain(queue)).toEqual([
      { time: 1, kind: 0, target: 0 },
      { time: 2, kind: maxKinds - 1, target: maxTarget },
      { time: 3, kind: 7, target: 123_456 },
    ]);
  });

  it('grows past its initial capacity without losing or reordering events', () => {
    const queue = new EventQueue(2);
    const count = 10_000;
    for (let i = count - 1; i >= 0; i--) queue.push(i, i % maxKinds, i);
    expect(queue.size).toBe(count);
    const out = drain(queue);
    expect(out.map((e) => e.target)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(out.every((e) => e.kind === e.target % maxKinds && e.time === e.target)).toBe(true);
  });

  it('clear empties it and restarts insertion order', () => {
    const queue = new EventQueue();
    queue.push(1, 0, 1);
    queue.push(1, 0, 2);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Infinity);
    queue.push(1, 0, 3);
    queue.push(1, 0, 4);
    expect(drain(queue).map((e) => e.target)).toEqual([3, 4]);
  });

  it('matches a sorted reference under many random pushes and pops (ties on a coarse time grid)', () => {
    const rng = new RandomStreams('event-queue-test').stream('ops');
    const queue = new EventQueue(8);
    // Reference: an array kept sorted by (time, insertion sequence); a stable sort gives the tie rule for free.
    const reference: { time: number; seq: number; kind: number; target: number }[] = [];
    let seq = 0;
    let now = 0;
    let pops = 0;
    for (let step = 0; step < 200_000; step++) {
      const pushProbability = step < 100_000 ? 0.6 : 0.4;
      if (reference.length === 0 || rng() < pushProbability) {
        // Times on a grid of 1/8 after the current clock, so that ties are frequent (as in a simulation).
        const time = now + Math.floor(rng() * 64) / 8;
        const kind = (rng() * maxKinds) | 0;
        const target = (rng() * 1_000_000) | 0;
        queue.push(time, kind, target);
        insertSorted(reference, { time, seq: seq++, kind, target });
      } else {
        expect(queue.peekTime()).toBe(reference[0].time);
        const got = pop(queue);
        const want = reference.shift()!;
        if (got.time !== want.time || got.kind !== want.kind || got.target !== want.target) {
          expect(got, `pop ${pops}`).toEqual({ time: want.time, kind: want.kind, target: want.target });
        }
        now = got.time;
        pops++;
      }
      if (queue.size !== reference.length) expect(queue.size).toBe(reference.length);
    }
    const rest = drain(queue);
    expect(rest).toEqual(reference.map((e) => ({ time: e.time, kind: e.kind, target: e.target })));
    expect(pops).toBeGreaterThan(50_000);
  });
});

/** Pushes and pops at random against a sorted reference; `nextTime` draws each new event's time from the clock. */
function checkAgainstReference(seed: string, steps: number, nextTime: (now: number, rng: () => number, step: number) => number): void {
  const rng = new RandomStreams(seed).stream('ops');
  const queue = new EventQueue(4);
  const reference: { time: number; seq: number; target: number }[] = [];
  let seq = 0;
  let now = 0;
  for (let step = 0; step < steps; step++) {
    const pushProbability = step < steps / 2 ? 0.55 : 0.45;
    if (reference.length === 0 || rng() < pushProbability) {
      const time = nextTime(now, rng, step);
      const target = seq % 1_000_000;
      queue.push(time, 1, target);
      insertSorted(reference, { time, seq: seq++, target });
    } else {
      if (queue.peekTime() !== reference[0].time) expect(queue.peekTime()).toBe(reference[0].time);
      queue.pop();
      const want = reference.shift()!;
      if (queue.poppedTime !== want.time || queue.poppedTarget !== want.target) {
        expect({ step, time: queue.poppedTime, target: queue.poppedTarget }).toEqual({ step, time: want.time, target: want.target });
      }
      now = queue.poppedTime;
    }
  }
  expect(drain(queue).map((p) => p.target)).toEqual(reference.map((e) => e.target));
}

describe('EventQueue as a calendar', () => {
  it('keeps order when the time scale changes by twelve orders of magnitude mid-run', () => {
    // Gaps of microseconds, then of days, then microseconds again: the width must be re-chosen, order never lost.
    checkAgainstReference('scale-change', 60_000, (now, rng, step) => {
      const scale = step < 20_000 ? 1e-6 : step < 40_000 ? 1e5 : 1e-6;
      return now + scale * -Math.log(1 - rng());
    });
  });

  it('keeps order with far-future events among dense near ones (failures among requests)', () => {
    checkAgainstReference('far-future', 60_000, (now, rng) => (rng() < 0.01 ? now + 1e6 * rng() : now + 1e-3 * rng()));
  });

  it('keeps order with large groups of events at the same time (broadcasts)', () => {
    checkAgainstReference('broadcasts', 40_000, (now, rng) => now + Math.floor(rng() * 3) * 0.05);
  });

  it('takes an event scheduled before the time it last reported (after a peek, or in the past)', () => {
    const queue = new EventQueue();
    queue.push(10, 1, 1);
    queue.push(20, 1, 2);
    expect(queue.peekTime()).toBe(10);
    queue.push(5, 1, 3);
    queue.push(-1, 1, 4);
    expect(drain(queue).map((p) => p.target)).toEqual([4, 3, 1, 2]);
  });

  it('orders events at Infinity last, in insertion order', () => {
    const queue = new EventQueue();
    queue.push(Infinity, 1, 1);
    queue.push(3, 1, 2);
    queue.push(Infinity, 1, 3);
    queue.push(1e300, 1, 4);
    expect(drain(queue).map((p) => p.target)).toEqual([2, 4, 1, 3]);
  });
});

describe('EventQueue lanes (one pending event per lane, beside the calendar)', () => {
  it('pops lane and calendar events in one (time, insertion) order, against a sorted reference, ties included', () => {
    // Three lanes, each rescheduled when its event pops (an arrival process), among calendar events on a coarse
    // time grid so that lane events tie with calendar events and with each other often.
    const rng = new RandomStreams('event-queue-lanes').stream('ops');
    const queue = new EventQueue(8);
    const lanes = [queue.openLane(), queue.openLane(), queue.openLane()];
    const reference: { time: number; seq: number; kind: number; target: number }[] = [];
    let seq = 0;
    let now = 0;
    const laneKind = 200;
    const schedule = (lane: number) => {
      const time = now + Math.floor(rng() * 16) / 8;
      queue.pushLane(lane, time, laneKind, lane);
      insertSorted(reference, { time, seq: seq++, kind: laneKind, target: lane });
    };
    for (const lane of lanes) schedule(lane);
    let lanePops = 0;
    for (let step = 0; step < 100_000; step++) {
      if (rng() < 0.45) {
        const time = now + Math.floor(rng() * 64) / 8;
        const target = (rng() * 1_000_000) | 0;
        queue.push(time, 1, target);
        insertSorted(reference, { time, seq: seq++, kind: 1, target });
      } else {
        if (queue.peekTime() !== reference[0].time) expect(queue.peekTime()).toBe(reference[0].time);
        const got = pop(queue);
        const want = reference.shift()!;
        if (got.time !== want.time || got.kind !== want.kind || got.target !== want.target) {
          expect({ step, ...got }).toEqual({ step, time: want.time, kind: want.kind, target: want.target });
        }
        now = got.time;
        if (got.kind === laneKind) {
          lanePops++;
          schedule(got.target);
        }
      }
      if (queue.size !== reference.length) expect(queue.size).toBe(reference.length);
    }
    expect(lanePops).toBeGreaterThan(5_000);
    expect(drain(queue)).toEqual(reference.map((e) => ({ time: e.time, kind: e.kind, target: e.target })));
  });

  it('is the whole queue when the calendar is empty, and refuses a second pending event on a lane', () => {
    const queue = new EventQueue();
    const lane = queue.openLane();
    expect(queue.peekTime()).toBe(Infinity);
    queue.pushLane(lane, 2.5, 7, 42);
    expect(queue.size).toBe(1);
    expect(queue.peekTime()).toBe(2.5);
    expect(() => queue.pushLane(lane, 3, 7, 43)).toThrow(/already has an event pending/);
    expect(pop(queue)).toEqual({ time: 2.5, kind: 7, target: 42 });
    expect(queue.size).toBe(0);
    queue.pushLane(lane, 1, 7, 44);
    queue.clear();
    expect(queue.size).toBe(0);
    queue.pushLane(lane, 5, 7, 45);
    expect(pop(queue)).toEqual({ time: 5, kind: 7, target: 45 });
  });
});
