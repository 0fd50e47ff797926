/** The promoted standby's cores (issue 14, warm standby): a FIFO queue whose core count can grow. */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../../../src/engine/simulator.js';
import { NodeCount } from '../../../../../src/topology/single-leader/recovery/node-hours.js';
import { StandbyServers } from '../../../../../src/topology/single-leader/recovery/standby-servers.js';

describe('standby servers', () => {
  it('one core serves in order; a resize starts the waiting requests at once', () => {
    const sim = new Simulator();
    const done: [number, number][] = [];
    const servers = new StandbyServers(sim, 1, 2, () => 1, (request) => done.push([request, sim.now]));
    const arrive = sim.register((request) => servers.arrive(request));
    for (let r = 0; r < 4; r++) sim.at(0, arrive, r);
    // Work 1 at speed 2: 0.5 s each. One core: 0 ends at 0.5, 1 at 1.0; at 0.75 a resize to 3 cores starts 2 and 3.
    const resize = sim.register(() => servers.resize(3));
    sim.at(0.75, resize, 0);
    sim.run({ until: 10 });
    expect(done).toEqual([
      [0, 0.5],
      [1, 1],
      [2, 1.25],
      [3, 1.25],
    ]);
  });

  it('zero cores (not yet redirected) hold every request until the resize', () => {
    const sim = new Simulator();
    const done: number[] = [];
    const servers = new StandbyServers(sim, 0, 1, () => 0.25, () => done.push(sim.now));
    servers.arrive(0);
    servers.resize(1);
    sim.run({ until: 1 });
    expect(done).toEqual([0.25]);
  });
});

describe('node-hours', () => {
  it('integrates the node count over the window', () => {
    const nodes = new NodeCount(1);
    nodes.set(1800, 3); // 1 node, then 3 from half an hour on
    expect(nodes.hours(0, 3600)).toBeCloseTo(0.5 + 1.5, 12);
    expect(nodes.hours(900, 2700)).toBeCloseTo(0.25 + 0.75, 12);
    expect(new NodeCount(0).hours(0, 7200)).toBe(0);
  });
});
