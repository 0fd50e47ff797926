/**
 * The compute side of a node: cores in front of a waiting room. A station is told about arrivals and completions
 * and keeps its own time-weighted statistics; it schedules its own completion events through the simulator.
 */
export interface Station {
  /** Requests waiting or in service. */
  readonly inSystem: number;
  /** Takes a request in at `now`; false when the waiting room is full (the request is rejected). */
  arrive(request: number): boolean;
  /** Time-weighted statistics from `from` to now start afresh (end of the warm-up). */
  resetStatistics(from: number): void;
  /** Brings the time-weighted areas up to now. */
  flush(): void;
  readonly busyArea: number;
  readonly waitingArea: number;
  readonly completed: number;
  /**
   * Empties the station (the node crashed). `inService` requests still have completion events pending and must be
   * released when those fire; `waiting` ones have none.
   */
  crash(): { inService: number[]; waiting: number[] };
  setSpeed(speed: number): void;
}

