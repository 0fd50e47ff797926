import { createSampler } from '../engine/distributions/index.js';
import type { Uniform } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import type { ArrivalSpec } from './spec.js';

type ClosedLoopSpec = Extract<ArrivalSpec, { process: 'closed' }>;

/**
 * The clients of a closed loop (the finite-source or machine-repairman model: Kleinrock, "Queueing Systems" vol. 1,
 * 1975, sec. 3.10; Gross and Harris, "Fundamentals of Queueing Theory", sec. 2.7): each of `population` clients
 * thinks, sends one request, waits for its final outcome (the reply, or the failure after the runtime's timeouts and
 * retries), thinks again. Every client starts thinking at time 0, so the first requests are spread over a think time
 * rather than all sent at once. Think times come from their own stream: the order clients finish in changes which
 * client gets which draw, never the draws themselves. State: one pending event per thinking client, nothing else.
 */
export class ClosedLoopClients {
  private readonly kind: number;
  private readonly think: () => number;

  constructor(
    private readonly sim: Simulator,
    spec: ClosedLoopSpec,
    thinkStream: Uniform,
    /** Client `client` sends a request now. */
    send: (client: number) => void,
  ) {
    this.think = createSampler(spec.thinkTime, thinkStream);
    this.kind = sim.register(send);
    for (let client = 0; client < spec.population; client++) sim.at(this.think(), this.kind, client);
  }

  /** The request of `client` reached its final outcome: the client thinks, then sends its next one. */
  finished(client: number): void {
    this.sim.at(this.sim.now + this.think(), this.kind, client);
  }
}
