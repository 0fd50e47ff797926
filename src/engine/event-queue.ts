/** Event kinds fit in the low bits of the packed payload; targets in the rest (up to 2^26 - 1). */
export const kindBits = 5;
export const maxKinds = 1 << kindBits;
export const maxTarget = (1 << (31 - kindBits)) - 1;

/**
 * The pending-event set: a binary min-heap over parallel typed arrays, ordered by (time, insertion sequence) so
 * that ties in time leave in the order they were scheduled. An event is two integers, a kind and a target, packed
 * into one Int32 so that a sift moves three numbers, not four. Nothing is allocated per event once the arrays have
 * grown to the run's peak size. Measured on the benchmark model (CPU time, best of 5): with Floyd's sift the binary
 * heap beat a 4-ary one by about 5 % at 100 nodes and by 15 to 40 % at 10 000 (fewer unpredictable comparisons).
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private payload: Int32Array;
  private count = 0;
  private nextSeq = 0;
  /** Set by `take`: slot 0 holds an event already handed out. */
  private rootTaken = false;

  /** Filled by `pop`: the time, kind and target of the event just removed. */
  poppedTime = 0;
  poppedKind = 0;
  poppedTarget = 0;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.payload = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.time[0] : Infinity;
  }

  push(time: number, kind: number, target: number): void {
    const packed = (target << kindBits) | kind;
    const seq = this.nextSeq++;
    if (this.rootTaken) {
      // The event just taken still holds the root: the new one replaces it in a single sift.
      this.rootTaken = false;
      this.siftFromRoot(this.count, time, seq, packed);
      return;
    }
    if (this.count === this.time.length) this.grow();
    const times = this.time;
    const seqs = this.seq;
    const payloads = this.payload;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    payloads[i] = packed;
  }

  /** Removes the earliest event into poppedTime / poppedKind / poppedTarget. The queue must not be empty. */
  pop(): void {
    this.take();
    this.settle();
  }

  /**
   * Reads the earliest event into poppedTime / poppedKind / poppedTarget but leaves its slot in place until
   * `settle`: if the event's handler schedules an event meanwhile (the next arrival, the next service on the
   * node), that one takes the root in one sift instead of a removal plus an insertion. The queue must not be empty.
   */
  take(): void {
    this.poppedTime = this.time[0];
    const top = this.payload[0];
    this.poppedKind = top & (maxKinds - 1);
    this.poppedTarget = top >> kindBits;
    this.rootTaken = true;
  }

  /** Removes the taken event if nothing replaced it. */
  settle(): void {
    if (!this.rootTaken) return;
    this.rootTaken = false;
    const n = --this.count;
    if (n > 0) this.siftFromRoot(n, this.time[n], this.seq[n], this.payload[n]);
  }

  /**
   * Places (time, seq, packed) starting from an empty root over the first `n` slots. Floyd's variant: the hole
   * walks down along the smaller children to a leaf without comparing against the new event, which then sifts up
   * from there (rarely more than a step: new events are mostly later than the pending ones).
   */
  private siftFromRoot(n: number, time: number, seq: number, packed: number): void {
    const times = this.time;
    const seqs = this.seq;
    const payloads = this.payload;
    let hole = 0;
    for (;;) {
      const first = 2 * hole + 1;
      if (first >= n) break;
      let best = first;
      let bt = times[first];
      const second = first + 1;
      if (second < n) {
        const ct = times[second];
        if (ct < bt || (ct === bt && seqs[second] < seqs[first])) {
          best = second;
          bt = ct;
        }
      }
      times[hole] = bt;
      seqs[hole] = seqs[best];
      payloads[hole] = payloads[best];
      hole = best;
    }
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[hole] = pt;
      seqs[hole] = seqs[parent];
      payloads[hole] = payloads[parent];
      hole = parent;
    }
    times[hole] = time;
    seqs[hole] = seq;
    payloads[hole] = packed;
  }

  clear(): void {
    this.count = 0;
    this.rootTaken = false;
    this.nextSeq = 0;
  }

  private grow(): void {
    const capacity = this.time.length * 2;
    const time = new Float64Array(capacity);
    const seq = new Float64Array(capacity);
    const payload = new Int32Array(capacity);
    time.set(this.time);
    seq.set(this.seq);
    payload.set(this.payload);
    this.time = time;
    this.seq = seq;
    this.payload = payload;
  }
}
