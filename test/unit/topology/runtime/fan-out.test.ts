/**
 * The k-of-n wait of the cluster runtime (issue 11, part 3): ends once, at the k-th yes, at the (n - k + 1)-th no,
 * or at its deadline, whichever comes first; later answers are late, also after the slot is reused.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../../src/engine/simulator.js';
import { FanOut, FanOutEnd } from '../../../../src/topology/runtime/fan-out.js';

function setup() {
  const sim = new Simulator();
  const ended: { context: number; how: FanOutEnd; at: number }[] = [];
  const late: { context: number; yes: boolean }[] = [];
  const fanOut = new FanOut(
    sim,
    (context, how) => ended.push({ context, how, at: sim.now }),
    (context, yes) => late.push({ context, yes }),
  );
  return { sim, fanOut, ended, late };
}

describe('FanOut: k of n answers, or a deadline', () => {
  it('a write quorum of 2 of 3 ends at the second yes; the third is late', () => {
    const { fanOut, ended, late } = setup();
    const handle = fanOut.start(2, 3, Infinity, 7);
    fanOut.answer(handle, true);
    expect(ended).toEqual([]);
    fanOut.answer(handle, true);
    expect(ended).toEqual([{ context: 7, how: FanOutEnd.met, at: 0 }]);
    fanOut.answer(handle, true);
    expect(late).toEqual([{ context: 7, yes: true }]);
    expect(ended).toHaveLength(1);
  });

  it('widen: a 1-of-1 read that asks one more replica survives the first one\'s no; a closed wait ignores it', () => {
    const { fanOut, ended } = setup();
    const read = fanOut.start(1, 1, Infinity, 3);
    fanOut.widen(read);
    fanOut.answer(read, false);
    expect(ended).toEqual([]);
    fanOut.answer(read, true);
    expect(ended).toEqual([{ context: 3, how: FanOutEnd.met, at: 0 }]);
    fanOut.widen(read);
    expect(fanOut.openCount).toBe(0);
  });

  it('deadlines in start order share one event: 1 000 waits of one timeout, 998 met, cost 3 deadline events', () => {
    const { sim, fanOut, ended } = setup();
    const handles: number[] = [];
    for (let i = 0; i < 1000; i++) handles.push(fanOut.start(1, 1, 5 + i * 0.001, i));
    // One deadline earlier than the ones queued: an event of its own.
    fanOut.start(1, 1, 1, 1000);
    handles.forEach((handle, i) => {
      if (i !== 500 && i !== 999) fanOut.answer(handle, true);
    });
    const met = ended.length;
    sim.run();
    expect(met).toBe(998);
    expect(ended.slice(met)).toEqual([
      { context: 1000, how: FanOutEnd.deadline, at: 1 },
      { context: 500, how: FanOutEnd.deadline, at: 5 + 500 * 0.001 },
      { context: 999, how: FanOutEnd.deadline, at: 5 + 999 * 0.001 },
    ]);
    // The FIFO's event at the first deadline (5 s), at wait 500's and at wait 999's; and the out-of-order one.
    expect(sim.events).toBe(4);
    expect(fanOut.openCount).toBe(0);
  });

    it('is impossible as soon as n - no < k: 2 of 3 after two noes, ALL (3 of 3) after one', () => {
    const { fanOut, ended } = setup();
    const quorum = fanOut.start(2, 3, Infinity, 1);
    fanOut.answer(quorum, false);
    expect(ended).toEqual([]);
    fanOut.answer(quorum, false);
    const all = fanOut.start(3, 3, Infinity, 2);
    fanOut.answer(all, true);
    fanOut.answer(all, false);
    expect(ended.map((e) => [e.context, e.how])).toEqual([
      [1, FanOutEnd.impossible],
      [2, FanOutEnd.impossible],
    ]);
  });

  it('ends at its deadline when the answers do not come, and a deadline after the end does nothing', () => {
    const { sim, fanOut, ended } = setup();
    const slow = fanOut.start(2, 3, 5, 1);
    fanOut.answer(slow, true);
    const fast = fanOut.start(1, 3, 4, 2);
    fanOut.answer(fast, true);
    sim.run();
    expect(ended).toEqual([
      { context: 2, how: FanOutEnd.met, at: 0 },
      { context: 1, how: FanOutEnd.deadline, at: 5 },
    ]);
    expect(fanOut.openCount).toBe(0);
  });

  it('a reused slot does not take the answers or the deadline of the wait it held before', () => {
    const { sim, fanOut, ended, late } = setup();
    const first = fanOut.start(1, 2, 10, 1);
    fanOut.answer(first, true); // ends: the slot is free
    const second = fanOut.start(2, 2, 20, 2); // reuses the slot
    expect(second).not.toBe(first);
    fanOut.answer(first, true); // late for the first wait, not a yes for the second
    expect(late).toEqual([{ context: -1, yes: true }]);
    sim.run({ until: 15 }); // the first wait's deadline (10) passes: the second is still open
    expect(fanOut.isOpen(second)).toBe(true);
    sim.run();
    expect(ended.map((e) => [e.context, e.how, e.at])).toEqual([
      [1, FanOutEnd.met, 0],
      [2, FanOutEnd.deadline, 20],
    ]);
  });

  it('a million sequential quorums leave no wait open (slots are recycled)', () => {
    const { fanOut, ended } = setup();
    for (let i = 0; i < 1e6; i++) {
      const handle = fanOut.start(2, 3, Infinity, i);
      fanOut.answer(handle, true);
      fanOut.answer(handle, true);
    }
    expect(ended).toHaveLength(1e6);
    expect(fanOut.openCount).toBe(0);
  });

  it('refuses k outside 1..n', () => {
    const { fanOut } = setup();
    expect(() => fanOut.start(0, 3, Infinity, 0)).toThrow(/1 <= k <= n/);
    expect(() => fanOut.start(4, 3, Infinity, 0)).toThrow(/1 <= k <= n/);
    expect(() => fanOut.start(1, -1, Infinity, 0, true)).toThrow(/n >= 0 with every/);
  });

  it('every: a majority of 5 and each present party; a party that leaves is not waited for, one that rejoins is', () => {
    const { fanOut, ended } = setup();
    // The `all` rule of a five-server store whose follower 4 is down: 4 present parties, at least 3 yeses.
    const handle = fanOut.start(3, 4, Infinity, 9, true);
    fanOut.answer(handle, true); // leader
    fanOut.answer(handle, true); // follower 1
    fanOut.answer(handle, true); // follower 2: a majority, but follower 3 is up and has not answered
    expect(ended).toEqual([]);
    fanOut.rejoin(handle); // follower 4 is back: 5 parties
    fanOut.leave(handle); // follower 3 goes down: 4 parties, 3 yeses
    expect(ended).toEqual([]);
    fanOut.leave(handle); // follower 4 goes down again: every present party has answered
    expect(ended).toEqual([{ context: 9, how: FanOutEnd.met, at: 0 }]);
  });

  it('every: with fewer parties present than k it waits for a returning party; one no settles it', () => {
    const { fanOut, ended } = setup();
    const handle = fanOut.start(2, 1, Infinity, 1, true);
    fanOut.answer(handle, true);
    fanOut.leave(handle); // a leave never makes a wait impossible: the party may return
    expect(ended).toEqual([]);
    fanOut.rejoin(handle);
    fanOut.answer(handle, true);
    const refused = fanOut.start(1, 3, Infinity, 2, true);
    fanOut.answer(refused, false);
    expect(ended.map((e) => [e.context, e.how])).toEqual([
      [1, FanOutEnd.met],
      [2, FanOutEnd.impossible],
    ]);
  });
});
