import { createSampler, type DistSpec } from '../engine/distributions/index.js';
import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { createArrivalProcess } from './arrivals.js';
import { createKeySampler } from './key-popularity.js';
import type { RequestTable } from './request-table.js';
import type { WorkloadClassSpec } from './spec.js';

/**
 * Generates the requests of every workload class: arrival times, work, size, key and client, each class from its
 * own named streams (`arrivals/<class>`, `work/<class>`, ...), so that what a request carries never depends on the
 * cluster or the policy it meets. Requests arriving while `measuring` is on are marked as measured.
 */
export class WorkloadSource {
  measuring = false;
  /** Measured arrivals so far. */
  measuredArrivals = 0;

  constructor(
    sim: Simulator,
    requests: RequestTable,
    classes: readonly WorkloadClassSpec[],
    streams: RandomStreams,
    deliver: (request: number) => void,
    observe?: (classIndex: number, time: number, work: number, bytes: number) => void,
  ) {
    const nextArrival = classes.map((c) =>
      createArrivalProcess(c.arrivals, streams.stream(`arrivals/${c.name}`), streams.stream(`arrivals/${c.name}/phase`)),
    );
    const drawWork = classes.map((c) => createSampler(c.work, streams.stream(`work/${c.name}`)));
    const drawSize = classes.map((c) => (isZero(c.size) ? null : createSampler(c.size, streams.stream(`size/${c.name}`))));
    const drawKey = classes.map((c) => (c.keys ? createKeySampler(c.keys, streams.stream(`keys/${c.name}`)) : null));
    const drawClient = classes.map((c) => {
      if (c.clients === undefined) return null;
      const clients = c.clients;
      const rng = streams.stream(`clients/${c.name}`);
      return () => (rng() * clients) | 0;
    });

    const arrivalKind = sim.register((classIndex) => {
      const now = sim.now;
      const next = nextArrival[classIndex](now);
      if (next !== Infinity) sim.at(next, arrivalKind, classIndex);
      const request = requests.allocate();
      requests.classIndex[request] = classIndex;
      requests.arrival[request] = now;
      requests.work[request] = drawWork[classIndex]();
      const size = drawSize[classIndex];
      requests.bytes[request] = size === null ? 0 : size();
      const key = drawKey[classIndex];
      requests.key[request] = key === null ? -1 : key();
      const client = drawClient[classIndex];
      requests.client[request] = client === null ? -1 : client();
      if (this.measuring) {
        requests.measured[request] = 1;
        this.measuredArrivals++;
      } else {
        requests.measured[request] = 0;
      }
      observe?.(classIndex, now, requests.work[request], requests.bytes[request]);
      deliver(request);
    });

    for (let c = 0; c < classes.length; c++) {
      const first = nextArrival[c](0);
      if (first !== Infinity) sim.at(first, arrivalKind, c);
    }
  }
}

function isZero(spec: DistSpec): boolean {
  return spec.dist === 'constant' && spec.value === 0;
}
