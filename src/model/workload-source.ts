import { createSamplerInto, type DistSpec } from '../engine/distributions/index.js';
import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { createArrivalProcess } from './arrivals.js';
import { ClosedLoopClients } from './closed-loop.js';
import { createKeySampler } from './key-popularity.js';
import type { RequestTable } from './request-table.js';
import { TraceReplay } from './trace-replay.js';
import type { WorkloadClassSpec } from './spec.js';

/**
 * Generates the requests of every workload class: arrival times, work, size, key and client, each class from its
 * own named streams (`arrivals/<class>`, `work/<class>`, ...), so that what a request carries never depends on the
 * cluster or the policy it meets. A trace class's rows come from its file (model/trace-replay.ts). Requests arriving while `measuring` is on are marked as measured. A closed-loop
 * class's requests come from its clients (model/closed-loop.ts), each sending again after its previous request's
 * outcome (`finished`) and a think time.
 */
export class WorkloadSource {
  measuring = false;
  /** Measured arrivals so far. */
  measuredArrivals = 0;
  /** Per class: its closed-loop clients, or null for an open arrival process. */
  private readonly closedLoops: (ClosedLoopClients | null)[];
  private readonly traces: TraceReplay[];

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
    const drawWork = classes.map((c) => createSamplerInto(c.work, streams.stream(`work/${c.name}`)));
    const drawSize = classes.map((c) =>
      isZero(c.size) ? null : createSamplerInto(c.size, streams.stream(`size/${c.name}`)),
    );
    const drawKey = classes.map((c) => (c.keys ? createKeySampler(c.keys, streams.stream(`keys/${c.name}`)) : null));
    const drawClient = classes.map((c) => {
      if (c.clients === undefined) return null;
      const clients = c.clients;
      const rng = streams.stream(`clients/${c.name}`);
      return () => (rng() * clients) | 0;
    });

    // One open class whose requests carry no size, key or client: every request's class, size, key and client are
    // the blank values the request table starts with, so (unless other entries write those columns) they are not
    // written: at 10 000 nodes each is a cold cache line per request.
    const writesIdentity =
      requests.identityShared ||
      !(
        classes.length === 1 &&
        drawSize[0] === null &&
        drawKey[0] === null &&
        drawClient[0] === null &&
        classes[0].arrivals.process !== 'trace' &&
        classes[0].arrivals.process !== 'closed'
      );

    /**
     * A request of class `classIndex` from `client` (-1: none) leaves its client now; a trace row may give its work,
     * size and key (NaN, NaN and -1 draw them as the class does).
     */
    const emit = (classIndex: number, client: number, work = NaN, bytes = NaN, keyId = -1) => {
      const now = sim.now;
      const request = requests.allocate();
      requests.arrival[request] = now;
      if (Number.isNaN(work)) drawWork[classIndex](requests.work, request);
      else requests.work[request] = work;
      if (writesIdentity) {
        requests.classIndex[request] = classIndex;
        const size = drawSize[classIndex];
        if (!Number.isNaN(bytes)) requests.bytes[request] = bytes;
        else if (size === null) requests.bytes[request] = 0;
        else size(requests.bytes, request);
        const key = drawKey[classIndex];
        requests.key[request] = keyId >= 0 ? keyId : key === null ? -1 : key();
        requests.client[request] = client;
      }
      if (this.measuring) {
        requests.markMeasured(request);
        this.measuredArrivals++;
      }
      observe?.(classIndex, now, requests.work[request], requests.bytes[request]);
      deliver(request);
    };

    // Each class's next arrival is its lane's one event.
    const lanes = classes.map(() => sim.openLane());
    const arrivalKind = sim.register((classIndex) => {
      const next = nextArrival[classIndex](sim.now);
      if (next !== Infinity) sim.atLane(lanes[classIndex], next, arrivalKind, classIndex);
      const client = drawClient[classIndex];
      emit(classIndex, client === null ? -1 : client());
    });

    this.traces = classes.flatMap((c, classIndex) => {
      if (c.arrivals.process !== 'trace') return [];
      const client = drawClient[classIndex];
      const copies = streams.stream(`arrivals/${c.name}`);
      const send = (work: number, size: number, key: number) => emit(classIndex, client === null ? -1 : client(), work, size, key);
      return [new TraceReplay(sim, c.arrivals, c.name, copies, send)];
    });

    this.closedLoops = classes.map((c, classIndex) =>
      c.arrivals.process === 'closed'
        ? new ClosedLoopClients(sim, c.arrivals, streams.stream(`think/${c.name}`), (client) => emit(classIndex, client))
        : null,
    );

    for (let c = 0; c < classes.length; c++) {
      const first = nextArrival[c](0);
      if (first !== Infinity) sim.atLane(lanes[c], first, arrivalKind, c);
    }
  }

  /** The run is over: trace files are closed. */
  close(): void {
    for (const trace of this.traces) trace.close();
  }

  /** A request of class `classIndex` from `client` reached its final outcome: a closed-loop client thinks, then sends. */
  finished(classIndex: number, client: number): void {
    this.closedLoops[classIndex]?.finished(client);
  }
}

function isZero(spec: DistSpec): boolean {
  return spec.dist === 'constant' && spec.value === 0;
}
