/**
 * The unit a time axis is read in, picked by the length of the window: a 2-hour run labelled 0 - 8 000 s has to
 * be divided in the head; in minutes or hours it reads at a glance. Below 10 minutes seconds, below 3 hours
 * minutes, else hours (each keeps the axis between about 3 and 180 of its unit).
 */
export interface TimeUnit {
  /** Short name for axis titles: s, min, h. */
  name: string;
  /** Seconds in one unit. */
  seconds: number;
}

export function timeUnitFor(windowSeconds: number): TimeUnit {
  if (!(windowSeconds >= 600)) return { name: 's', seconds: 1 };
  if (windowSeconds < 3 * 3600) return { name: 'min', seconds: 60 };
  return { name: 'h', seconds: 3600 };
}

/** The measured window of a run in seconds: the measured time, or the last interval's end when that is later. */
export function measuredWindow(measuredTime: number, rows: readonly { end: number }[]): number {
  const ends = rows.map((r) => r.end).filter((x) => Number.isFinite(x));
  return Math.max(Number.isFinite(measuredTime) ? measuredTime : 0, ...ends);
}
