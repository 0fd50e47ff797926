import { grownFloat64, grownInt32, grownUint8 } from './growable.js';

/**
 * Event kinds live in a byte of their own (a topology with its runtime registers about 20 today, so new topologies
 * have room); targets fill a whole non-negative 32-bit integer.
 */
export const maxKinds = 256;
export const maxTarget = 2 ** 31 - 1;

/** Bytes per entry in the interleaved buffer: three doubles and two 32-bit integers. */
const entryBytes = 32;
/** Buckets never fall below this many, so that a nearly empty queue does not resize on every event. */
const minBuckets = 16;
/** Events sampled from the front of the queue to choose the bucket width. */
const widthSample = 32;
/** Steps (empty buckets passed, list entries walked) per operation above which the width is chosen again. */
const stepsPerOperationLimit = 3;

/**
 * The pending-event set: a calendar queue (R. Brown, "Calendar queues", CACM 31(10), 1988), ordered by (time,
 * insertion sequence) so that ties in time leave in the order they were scheduled.
 *
 * Time is cut into days of `width` seconds; day d lives in bucket d mod (bucket count), a list sorted by (time,
 * sequence), and a year is one pass over all buckets. Taking the earliest event looks at the head of today's bucket,
 * then tomorrow's, and so on; pushing sorts the event into its day's bucket (usually at the tail: most new events are
 * the latest of their day). With the width near a few mean gaps between events, both are O(1) on average, where a
 * binary heap pays a sift of log2(n) unpredictable comparisons: measured on the benchmark's hold pattern (take the
 * earliest, push one an exponential time later) at 100 pending events 35 ns against 58 for the heap we had, at 10 000
 * pending 45 ns against 115. The width is chosen again when the count doubles or halves (Brown's rule) and whenever
 * operations start walking long lists or many empty days (the time scale of the model changed), so a bad guess costs
 * speed for a while, never order.
 *
 * Entries live in one interleaved buffer recycled through a free list: nothing is allocated per event once the
 * arrays have grown to the run's peak size.
 */
export class EventQueue {
  /**
   * The entries, 32 bytes each in one buffer (two to a cache line), seen as doubles and as 32-bit integers: time at
   * double 4e, insertion sequence at 4e + 1, the day it falls on under the current width (floor(time / width)) at
   * 4e + 2; the next entry in its bucket or the free list (-1 ends a list) at integer 8e + 6, the target at 8e + 7.
   * One entry's fields share a line, where six parallel arrays cost six lines per event: at 10 000 pending events
   * (the benchmark's 10 000 nodes) those lines no longer stay in the first-level caches.
   */
  private slots: Float64Array;
  private links: Int32Array;
  /** The kind of each entry: a byte apiece, so the whole column stays in cache. */
  private kind: Uint8Array;
  private freeHead = -1;
  private used = 0;
  private count = 0;
  private nextSeq = 0;

  private head: Int32Array;
  private tail: Int32Array;
  /**
   * The time of each bucket's tail entry (meaningful where tail >= 0): a push compares with it without reading the tail
   * entry's slot, which at 10 000 pending events is a cache line seldom still in cache.
   */
  private tailTime: Float64Array;
  private bucketMask = 0;
  private width = 1;
  private inverseWidth = 1;
  /** No pending event falls before this day: where the search for the earliest starts. */
  private today = 0;
  private growAt = 0;
  private shrinkAt = 0;
  /**
   * Steps (empty days passed, list entries walked) minus stepsPerOperationLimit per push since the width was chosen,
   * starting a year of pushes below zero: above zero, the width no longer fits the events.
   */
  private excessSteps = 0;

  /**
   * Lanes: sources that never have more than one event pending (an open arrival process schedules its next arrival
   * as it handles one). A lane's event waits beside the calendar, ordered against it by (time, sequence) like any
   * other, so it costs a comparison at each pop instead of a push and a pop of its own: with one arrival and one
   * completion per request, that was half of the queue's work.
   */
  private laneTime = new Float64Array(0);
  private laneSeq = new Float64Array(0);
  private laneKind = new Uint8Array(0);
  private laneTarget = new Int32Array(0);
  private lanePending = new Uint8Array(0);
  private lanesPending = 0;
  /** The lane whose pending event leaves first; -1 when no lane has one. */
  private earliestLane = -1;

  /** Filled by `pop` / `take`: the time, kind and target of the event just removed. */
  poppedTime = 0;
  poppedKind = 0;
  poppedTarget = 0;

  constructor(initialCapacity = 1024) {
    const buffer = new ArrayBuffer(initialCapacity * entryBytes);
    this.slots = new Float64Array(buffer);
    this.links = new Int32Array(buffer);
    this.kind = new Uint8Array(initialCapacity);
    this.head = new Int32Array(minBuckets).fill(-1);
    this.tail = new Int32Array(minBuckets).fill(-1);
    this.tailTime = new Float64Array(minBuckets);
    this.setCalendar(minBuckets, 1, 0);
  }

  get size(): number {
    return this.count + this.lanesPending;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    const calendar = this.count > 0 ? this.slots[this.locateEarliest() * 4] : Infinity;
    const lane = this.earliestLane;
    return lane >= 0 && this.laneTime[lane] < calendar ? this.laneTime[lane] : calendar;
  }

  /** A new lane (see `laneTime`), with no event pending; its number for `pushLane`. */
  openLane(): number {
    const lane = this.laneTime.length;
    this.laneTime = grownFloat64(this.laneTime, lane + 1);
    this.laneSeq = grownFloat64(this.laneSeq, lane + 1);
    this.laneKind = grownUint8(this.laneKind, lane + 1);
    this.laneTarget = grownInt32(this.laneTarget, lane + 1);
    this.lanePending = grownUint8(this.lanePending, lane + 1);
    return lane;
  }

  /** Schedules lane `lane`'s event; the lane must have none pending (its previous one was popped). */
  pushLane(lane: number, time: number, kind: number, target: number): void {
    if (this.lanePending[lane] === 1) throw new Error(`lane ${lane} already has an event pending`);
    this.laneTime[lane] = time;
    this.laneSeq[lane] = this.nextSeq++;
    this.laneKind[lane] = kind;
    this.laneTarget[lane] = target;
    this.lanePending[lane] = 1;
    this.lanesPending++;
    const earliest = this.earliestLane;
    // The new event is the latest scheduled: it leaves first only when strictly earlier.
    if (earliest < 0 || time < this.laneTime[earliest]) this.earliestLane = lane;
  }

  // The methods on the path of every event are kept small, and what is rare is in methods of its own, so that the
  // optimising compiler inlines the common path into the model's handlers within its inlining budget.
  push(time: number, kind: number, target: number): void {
    let entry = this.freeHead;
    if (entry < 0) entry = this.newEntry();
    else this.freeHead = this.links[entry * 8 + 6];
    this.slots[entry * 4] = time;
    this.slots[entry * 4 + 1] = this.nextSeq++;
    this.links[entry * 8 + 7] = target;
    this.kind[entry] = kind;
    this.placeLatest(entry, time);
    this.excessSteps -= stepsPerOperationLimit;
    if (++this.count > this.growAt || this.excessSteps > 0) this.retune();
  }

  /** Removes the earliest event into poppedTime / poppedKind / poppedTarget. The queue must not be empty. */
  pop(): void {
    const lane = this.earliestLane;
    if (this.count === 0) {
      this.popLane(lane);
      return;
    }
    const entry = this.locateEarliest();
    const slots = this.slots;
    if (lane >= 0) {
      const laneTime = this.laneTime[lane];
      const time = slots[entry * 4];
      if (laneTime < time || (laneTime === time && this.laneSeq[lane] < slots[entry * 4 + 1])) {
        this.popLane(lane);
        return;
      }
    }
    const links = this.links;
    const bucket = slots[entry * 4 + 2] & this.bucketMask;
    const following = links[entry * 8 + 6];
    this.head[bucket] = following;
    if (following < 0) this.tail[bucket] = -1;
    this.poppedTime = slots[entry * 4];
    this.poppedKind = this.kind[entry];
    this.poppedTarget = links[entry * 8 + 7];
    links[entry * 8 + 6] = this.freeHead;
    this.freeHead = entry;
    if (--this.count < this.shrinkAt) this.rebuild(this.head.length / 2);
  }

  /** Takes lane `lane`'s event (the earliest of all) and finds the lane that leaves first now. */
  private popLane(lane: number): void {
    this.poppedTime = this.laneTime[lane];
    this.poppedKind = this.laneKind[lane];
    this.poppedTarget = this.laneTarget[lane];
    this.lanePending[lane] = 0;
    this.lanesPending--;
    let earliest = -1;
    if (this.lanesPending > 0) {
      for (let other = 0; other < this.lanePending.length; other++) {
        if (this.lanePending[other] === 1 && (earliest < 0 || this.laneBefore(other, earliest))) earliest = other;
      }
    }
    this.earliestLane = earliest;
  }

  private laneBefore(a: number, b: number): boolean {
    const ta = this.laneTime[a];
    const tb = this.laneTime[b];
    return ta < tb || (ta === tb && this.laneSeq[a] < this.laneSeq[b]);
  }

  clear(): void {
    this.lanePending.fill(0);
    this.lanesPending = 0;
    this.earliestLane = -1;
    this.count = 0;
    this.used = 0;
    this.freeHead = -1;
    this.nextSeq = 0;
    this.head = new Int32Array(minBuckets).fill(-1);
    this.tail = new Int32Array(minBuckets).fill(-1);
    this.tailTime = new Float64Array(minBuckets);
    this.setCalendar(minBuckets, 1, 0);
  }

  /** The earliest entry, without removing it; moves `today` up to its day. The queue must not be empty. */
  private locateEarliest(): number {
    const head = this.head;
    const slots = this.slots;
    const mask = this.bucketMask;
    let day = this.today;
    for (let passed = 0; passed < head.length; passed++) {
      // Sorted by time, a bucket's head holds its earliest day: if that is the day sought, it is the earliest event.
      const entry = head[day & mask];
      if (entry >= 0 && slots[entry * 4 + 2] === day) {
        this.today = day;
        this.excessSteps += passed;
        return entry;
      }
      day++;
    }
    return this.searchAhead();
  }

  /** A year of empty days: the next event is far ahead. Finds it among the bucket heads directly. */
  private searchAhead(): number {
    const head = this.head;
    const buckets = head.length;
    this.excessSteps += buckets;
    let earliest = -1;
    for (let bucket = 0; bucket < buckets; bucket++) {
      const entry = head[bucket];
      if (entry >= 0 && (earliest < 0 || this.before(entry, earliest))) earliest = entry;
    }
    this.today = this.slots[earliest * 4 + 2];
    return earliest;
  }

  /** Files a new entry (the latest scheduled, so it goes after every entry of its time) into its day's bucket. */
  private placeLatest(entry: number, time: number): void {
    const day = Math.floor(time * this.inverseWidth);
    this.slots[entry * 4 + 2] = day;
    // An event before the search's starting day (scheduled in the past, or after a peek moved it on) moves it back.
    if (day < this.today) this.today = day;
    const bucket = day & this.bucketMask;
    const last = this.tail[bucket];
    if (last >= 0 && this.tailTime[bucket] > time) this.insertBefore(bucket, entry);
    else this.append(bucket, entry, last, time);
  }

  /** Files any entry into its day's bucket, at its place by (time, sequence): for rebuilds. */
  private place(entry: number): void {
    const day = Math.floor(this.slots[entry * 4] * this.inverseWidth);
    this.slots[entry * 4 + 2] = day;
    if (day < this.today) this.today = day;
    const bucket = day & this.bucketMask;
    const last = this.tail[bucket];
    if (last >= 0 && !this.before(last, entry)) this.insertBefore(bucket, entry);
    else this.append(bucket, entry, last, this.slots[entry * 4]);
  }

  /** Puts `entry` (at `time`) after `last`, the bucket's tail (-1: the bucket is empty). */
  private append(bucket: number, entry: number, last: number, time: number): void {
    this.links[entry * 8 + 6] = -1;
    if (last < 0) this.head[bucket] = entry;
    else this.links[last * 8 + 6] = entry;
    this.tail[bucket] = entry;
    this.tailTime[bucket] = time;
  }

  /** Walks the bucket's list to the place of an entry that leaves before its tail. */
  private insertBefore(bucket: number, entry: number): void {
    const links = this.links;
    let previous = -1;
    let current = this.head[bucket];
    while (this.before(current, entry)) {
      previous = current;
      current = links[current * 8 + 6];
      this.excessSteps++;
    }
    links[entry * 8 + 6] = current;
    if (previous < 0) this.head[bucket] = entry;
    else links[previous * 8 + 6] = entry;
  }

  /** A fresh entry from the pool, which grows when it is full. */
  private newEntry(): number {
    if (this.used === this.kind.length) this.grow();
    return this.used++;
  }

  /** Grows the calendar with the count, or chooses the width again when operations take too many steps. */
  private retune(): void {
    this.rebuild(this.count > this.growAt ? this.head.length * 2 : this.head.length);
  }

  /** Whether entry a leaves before entry b: earlier time, or the same time and scheduled first. */
  private before(a: number, b: number): boolean {
    const slots = this.slots;
    const ta = slots[a * 4];
    const tb = slots[b * 4];
    return ta < tb || (ta === tb && slots[a * 4 + 1] < slots[b * 4 + 1]);
  }

  private setCalendar(buckets: number, width: number, firstTime: number): void {
    this.bucketMask = buckets - 1;
    this.width = width;
    this.inverseWidth = 1 / width;
    this.today = Math.floor(firstTime * this.inverseWidth);
    this.growAt = 2 * buckets;
    this.shrinkAt = buckets > minBuckets ? buckets / 2 - 2 : -1;
    this.excessSteps = -stepsPerOperationLimit * buckets;
  }

  /** Re-files every pending event into `buckets` buckets, with the width chosen again from the earliest events. */
  private rebuild(buckets: number): void {
    const entries = new Int32Array(this.count);
    let n = 0;
    for (let bucket = 0; bucket < this.head.length; bucket++) {
      for (let entry = this.head[bucket]; entry >= 0; entry = this.links[entry * 8 + 6]) entries[n++] = entry;
    }
    const times = Float64Array.from(entries, (entry) => this.slots[entry * 4]).sort();
    this.head = new Int32Array(buckets).fill(-1);
    this.tail = new Int32Array(buckets).fill(-1);
    this.tailTime = new Float64Array(buckets);
    this.setCalendar(buckets, this.chooseWidth(times), n > 0 ? times[0] : 0);
    // In bucket order each old list is sorted, so most entries land at the tail of their new bucket.
    for (let i = 0; i < n; i++) this.place(entries[i]);
    this.excessSteps = -stepsPerOperationLimit * buckets;
  }

  /**
   * Brown's rule: three times the mean gap between the earliest events, after dropping gaps above twice the mean
   * (a far-off event says nothing about the density at the front). Keeps the current width when the sample has no
   * positive finite gap (all ties, or one event).
   */
  private chooseWidth(sortedTimes: Float64Array): number {
    const k = Math.min(sortedTimes.length, widthSample);
    let sum = 0;
    let gaps = 0;
    for (let i = 1; i < k; i++) {
      const gap = sortedTimes[i] - sortedTimes[i - 1];
      if (Number.isFinite(gap)) {
        sum += gap;
        gaps++;
      }
    }
    if (gaps === 0 || sum <= 0) return this.width;
    const mean = sum / gaps;
    let kept = 0;
    let keptSum = 0;
    for (let i = 1; i < k; i++) {
      const gap = sortedTimes[i] - sortedTimes[i - 1];
      if (gap <= 2 * mean) {
        keptSum += gap;
        kept++;
      }
    }
    return keptSum > 0 ? (3 * keptSum) / kept : 3 * mean;
  }

  private grow(): void {
    const capacity = this.kind.length * 2;
    const buffer = new ArrayBuffer(capacity * entryBytes);
    const slots = new Float64Array(buffer);
    slots.set(this.slots);
    const kind = new Uint8Array(capacity);
    kind.set(this.kind);
    this.slots = slots;
    this.links = new Int32Array(buffer);
    this.kind = kind;
  }
}
