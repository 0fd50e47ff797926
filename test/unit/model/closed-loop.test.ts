/**
 * Closed-loop clients (src/model/closed-loop.ts): the exact send times of a small deterministic loop, worked by hand,
 * and the client ids a closed loop gives its requests.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { Simulator } from '../../../src/engine/simulator.js';
import type { ScenarioSpec } from '../../../src/index.js';
import { RequestTable } from '../../../src/model/request-table.js';
import { WorkloadSource } from '../../../src/model/workload-source.js';
import { constant, failuresOnly, singleNode } from '../../helpers/scenarios.js';
import { simulate } from '../../helpers/simulate.js';

function loop(population: number, think: number, work: number, queue = Infinity): ScenarioSpec {
  return singleNode({
    name: 'closed-loop',
    seed: 'closed-loop',
    run: { duration: 6.2, warmup: 0, replications: 1 },
    queue,
    classes: [{ arrivals: { process: 'closed', population, thinkTime: constant(think) }, work: constant(work) }],
  });
}

function sendTimes(spec: ScenarioSpec): number[] {
  const times: number[] = [];
  simulate(spec, { onArrival: (_r, _c, time) => times.push(time) });
  return times;
}

describe('closed-loop clients', () => {
  it('two clients, think 1 s, work 0.5 s on one core: each sends again one think time after its reply', () => {
    // Both think until 1 and send; A is served 1-1.5, B waits and is served 1.5-2. A sends at 1.5 + 1 = 2.5 (served
    // 2.5-3), B at 2 + 1 = 3 (served 3-3.5); from then on each client's cycle is 0.5 + 1 = 1.5 s and nobody waits.
    // The run stops measuring at 6.2, so the last send counted is B's at 6.
    expect(sendTimes(loop(2, 1, 0.5))).toEqual([1, 1, 2.5, 3, 4, 4.5, 5.5, 6]);
  });

  it('a client whose request fails thinks and sends again, as after a reply', () => {
    // One core, no waiting room; same-time events run in the order they were scheduled (engine/event-queue.ts).
    // Both send at 1: A is served 1-1.5, B rejected at once, so B sends at 2 and A (reply at 1.5) at 2.5. B is served
    // 2-2.5; A's send at 2.5 was scheduled (at 1.5) before B's completion at 2.5 (at 2), so A finds the core busy and
    // is rejected: both send at 3.5. Then one is served 3.5-4 (sends at 5), the other rejected (sends at 4.5, served
    // 4.5-5, sends at 6); at 5 the send again precedes the completion: rejected, sends at 6. Five rejections in all:
    // at 1, 2.5, 3.5, 5 and one of the two sends at 6.
    const times: number[] = [];
    const { summary } = simulate(loop(2, 1, 0.5, 0), { onArrival: (_r, _c, time) => times.push(time) });
    expect(times).toEqual([1, 1, 2, 2.5, 3.5, 3.5, 4.5, 5, 6, 6]);
    expect(summary.requests.failedByCause.rejected).toBe(5);
    expect(summary.requests.completed).toBe(5);
  });

  it('with a client timeout, a client waits through its retries and thinks only after the final outcome', () => {
    // One client, think 1 s, work 0.5 s, timeout 0.2 s, backoff 50 ms (no jitter). Without retries: it sends at 1,
    // gives up at 1.2 (failure: timeout), sends at 2.2 (the node, busy with the abandoned attempt until 1.5, is free),
    // gives up at 2.4, and so on: a send every 1.2 s. With one retry: the retry at 1.25 queues behind the abandoned
    // attempt (served 1.5-2) and times out at 1.45: the request fails then and the next is sent at 2.45; at 2.45 the
    // node is free, the attempt is abandoned at 2.65, its retry at 2.7 waits for it until 2.95, times out at 2.9:
    // the next send is at 3.9, then 5.35.
    const withTimeout = (retries: number): ScenarioSpec => {
      const spec = loop(1, 1, 0.5);
      spec.reliability = failuresOnly([]);
      spec.reliability.clients = { timeout: 0.2, retries, backoff: { base: 0.05, factor: 2, jitter: 'none' } };
      return spec;
    };
    const run = (retries: number) => {
      const times: number[] = [];
      const { summary } = simulate(withTimeout(retries), { onArrival: (_r, _c, time) => times.push(time) });
      return { times, summary };
    };
    const once = run(0);
    expect(once.times.map((t) => +t.toFixed(9))).toEqual([1, 2.2, 3.4, 4.6, 5.8]);
    expect(once.summary.requests.failedByCause.timeout).toBe(5);
    const retried = run(1);
    expect(retried.times.map((t) => +t.toFixed(9))).toEqual([1, 2.45, 3.9, 5.35]);
    expect(retried.summary.requests.failedByCause.timeout).toBe(4);
    expect(retried.summary.requests.completed).toBe(0);
  });

  it('client ids are the clients, 0 .. population - 1, each with at most one request out', () => {
    const sim = new Simulator();
    const requests = new RequestTable();
    const population = 3;
    const spec = loop(population, 0.25, 0.1).workload[0];
    const out = new Set<number>();
    const sent: number[] = [];
    const source: WorkloadSource = new WorkloadSource(sim, requests, [spec], new RandomStreams('ids'), (request) => {
      const client = requests.client[request];
      expect(out.has(client), `client ${client} sends while its request is out`).toBe(false);
      out.add(client);
      sent.push(client);
      requests.release(request);
      // The reply comes 0.1 s later, then the client thinks 0.25 s.
      sim.at(sim.now + 0.1, reply, client);
    });
    const reply = sim.register((client) => {
      out.delete(client);
      source.finished(0, client);
    });
    sim.run({ until: 1 });
    // Every client sends at 0.25, 0.6 and 0.95 (think 0.25 + reply 0.1 per cycle), in client order.
    expect(sent).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });
});
