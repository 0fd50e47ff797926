import { describe, expect, it } from 'vitest';
import { maxKinds } from '../../../src/engine/event-queue.js';
import { Simulator } from '../../../src/engine/simulator.js';

/** A simulator with one event kind that logs (now, target) and reschedules itself every `period` while target > 0. */
function ticking(period: number) {
  const sim = new Simulator();
  const log: [number, number][] = [];
  const tick = sim.register((target) => {
    log.push([sim.now, target]);
    if (target > 0) sim.after(period, tick, target - 1);
  });
  return { sim, log, tick };
}

describe('Simulator', () => {
  it('runs events in time order, advancing the clock, until the queue is empty', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const kind = sim.register((target) => seen.push(sim.now * 100 + target));
    sim.at(3, kind, 1);
    sim.at(1, kind, 2);
    sim.at(2, kind, 3);
    expect(sim.pending).toBe(3);
    expect(sim.run()).toBe('empty');
    expect(seen).toEqual([102, 203, 301]);
    expect(sim.now).toBe(3);
    expect(sim.events).toBe(3);
    expect(sim.pending).toBe(0);
  });

  it('dispatches each event to the handler of its kind', () => {
    const sim = new Simulator();
    const calls: string[] = [];
    const a = sim.register((t) => calls.push(`a${t}`));
    const b = sim.register((t) => calls.push(`b${t}`));
    sim.at(1, b, 7);
    sim.at(1, a, 8);
    sim.at(0.5, a, 9);
    sim.run();
    expect(calls).toEqual(['a9', 'b7', 'a8']);
  });

  it('runs until a simulated time: stops before the first later event, sets now = until, resumes later', () => {
    const { sim, log, tick } = ticking(1);
    sim.at(0, tick, 10); // events at 0, 1, ..., 10
    expect(sim.run({ until: 4.5 })).toBe('until');
    expect(log.map(([t]) => t)).toEqual([0, 1, 2, 3, 4]);
    expect(sim.now).toBe(4.5);
    expect(sim.pending).toBe(1);
    // An event exactly at `until` runs.
    expect(sim.run({ until: 6 })).toBe('until');
    expect(log.map(([t]) => t)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sim.now).toBe(6);
    expect(sim.run()).toBe('empty');
    expect(log.length).toBe(11);
    expect(sim.now).toBe(10);
    expect(sim.events).toBe(11);
  });

  it('with until past the last event: empty, and the clock moves to until', () => {
    const { sim, tick } = ticking(1);
    sim.at(0, tick, 2);
    expect(sim.run({ until: 100 })).toBe('empty');
    expect(sim.now).toBe(100);
  });

  it('stops after maxEvents events counted from the start of the call', () => {
    const { sim, log, tick } = ticking(0.25);
    sim.at(0, tick, 1000);
    expect(sim.run({ maxEvents: 10 })).toBe('max-events');
    expect(log.length).toBe(10);
    expect(sim.events).toBe(10);
    expect(sim.now).toBe(9 * 0.25);
    expect(sim.run({ maxEvents: 5 })).toBe('max-events');
    expect(log.length).toBe(15);
    expect(sim.events).toBe(15);
    expect(sim.run({ maxEvents: 0 })).toBe('max-events');
    expect(sim.events).toBe(15);
  });

  it('stop() from a handler returns after the current event, and the run can resume', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const kind = sim.register((target) => {
      seen.push(target);
      if (target === 3) sim.stop();
    });
    for (let i = 1; i <= 6; i++) sim.at(i, kind, i);
    expect(sim.run()).toBe('stopped');
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    expect(sim.pending).toBe(3);
    expect(sim.run()).toBe('empty');
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('events scheduled at the current time run after those already pending at that time (insertion order)', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const later = sim.register((t) => seen.push(`later${t}`));
    const first = sim.register((t) => {
      seen.push(`first${t}`);
      sim.after(0, later, t);
    });
    sim.at(1, first, 1);
    sim.at(1, first, 2);
    sim.run();
    expect(seen).toEqual(['first1', 'first2', 'later1', 'later2']);
  });

  it(`refuses more than ${maxKinds} event kinds (they must fit the queue's packed payload)`, () => {
    const sim = new Simulator();
    // The simulator may register kinds of its own; every kind handed out must still be below maxKinds.
    const kinds: number[] = [];
    expect(() => {
      for (let i = 0; i <= maxKinds; i++) kinds.push(sim.register(() => {}));
    }).toThrow(/event kinds/);
    expect(kinds.length).toBeGreaterThan(0);
    expect(Math.max(...kinds)).toBe(maxKinds - 1);
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});
