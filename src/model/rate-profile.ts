import type { Uniform } from '../engine/rng.js';
import type { RateProfile } from './spec.js';

/** The rate of a profile at time t (requests/s). */
export function rateAt(profile: RateProfile, t: number): number {
  if (profile.shape === 'sine') {
    return profile.mean + profile.amplitude * Math.cos((2 * Math.PI * (t - profile.phase)) / profile.period);
  }
  const { points, repeat } = profile;
  const local = repeat === undefined ? t : t - Math.floor(t / repeat) * repeat;
  const i = segmentAt(points, local);
  const [t0, r0] = points[i];
  if (i === points.length - 1 || profile.interpolate === 'step') return r0;
  const [t1, r1] = points[i + 1];
  return r0 + ((r1 - r0) * (local - t0)) / (t1 - t0);
}

/** Mean rate over one period (a repeating curve, a sine), or over the curve's points (a curve that does not repeat). */
export function profileMeanRate(profile: RateProfile): number {
  if (profile.shape === 'sine') return profile.mean;
  const { points, repeat, interpolate } = profile;
  const last = points[points.length - 1];
  const span = repeat ?? last[0];
  if (span === 0) return last[1];
  let area = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [t0, r0] = points[i];
    const [t1, r1] = points[i + 1];
    area += interpolate === 'step' ? r0 * (t1 - t0) : ((r0 + r1) / 2) * (t1 - t0);
  }
  area += last[1] * (span - last[0]);
  return area / span;
}

/** The profile with every rate multiplied by `factor` (the shape kept). */
export function scaleProfile(profile: RateProfile, factor: number): RateProfile {
  if (profile.shape === 'sine') {
    return { ...profile, mean: profile.mean * factor, amplitude: profile.amplitude * factor };
  }
  return { ...profile, points: profile.points.map(([t, r]) => [t, r * factor] as const) };
}

/**
 * An exact non-homogeneous Poisson process by thinning (Lewis and Shedler, "Simulation of nonhomogeneous Poisson
 * processes by thinning", Naval Research Logistics Quarterly 26(3), 1979): candidates from a homogeneous process at a
 * bound B >= rate(t), each kept with probability rate(t) / B. The bound is piecewise constant (per curve segment, the
 * larger of its two ends; for a sine, mean + amplitude), and a candidate that crosses the end of its piece is dropped
 * and redrawn from that end at the next piece's bound: exponential gaps are memoryless, so this is still exact.
 * Candidate gaps come from `gaps`, the keep-or-drop draws from `keep`.
 */
export function createNonHomogeneousPoisson(
  profile: RateProfile,
  gaps: Uniform,
  keep: Uniform,
): (previous: number) => number {
  const pieces = boundPieces(profile);
  if (pieces === null) return () => Infinity;
  let piece = pieces.first;
  let from = 0;
  return () => {
    for (;;) {
      if (piece.bound <= 0) {
        if (piece.end === Infinity) return Infinity;
        from = piece.end;
        piece = pieces.after(piece);
        continue;
      }
      const candidate = from - Math.log(1 - gaps()) / piece.bound;
      if (candidate >= piece.end) {
        from = piece.end;
        piece = pieces.after(piece);
        continue;
      }
      from = candidate;
      if (keep() * piece.bound < rateAt(profile, candidate)) return candidate;
    }
  };
}

interface BoundPiece {
  /** Largest rate in the piece. */
  bound: number;
  /** Absolute end of the piece (seconds); Infinity for the last piece of a curve that does not repeat. */
  end: number;
  /** Which segment of the curve, and which repetition of it. */
  segment: number;
  period: number;
}

/** The majorant's pieces in order; null when the rate is 0 for ever (no arrival at all). */
function boundPieces(profile: RateProfile): { first: BoundPiece; after: (piece: BoundPiece) => BoundPiece } | null {
  if (profile.shape === 'sine') {
    const bound = profile.mean + profile.amplitude;
    if (bound <= 0) return null;
    const only = { bound, end: Infinity, segment: 0, period: 0 };
    return { first: only, after: () => only };
  }
  const { points, repeat, interpolate } = profile;
  if (points.every(([, r]) => r <= 0)) return null;
  const last = points.length - 1;
  // Segment i spans [t_i, t_{i+1}); the last one [t_last, repeat) or [t_last, infinity). Ends are computed from the
  // segment and period indices, never from the clock, so rounding cannot leave the process stuck at a boundary.
  const segmentEnd = (segment: number, period: number): number => {
    if (segment < last) return period * (repeat ?? 0) + points[segment + 1][0];
    return repeat === undefined ? Infinity : (period + 1) * repeat;
  };
  const segmentBound = (segment: number): number =>
    segment < last && interpolate === 'linear' ? Math.max(points[segment][1], points[segment + 1][1]) : points[segment][1];
  const make = (segment: number, period: number): BoundPiece => ({
    bound: segmentBound(segment),
    end: segmentEnd(segment, period),
    segment,
    period,
  });
  return {
    first: make(0, 0),
    after: (piece) => (piece.segment < last ? make(piece.segment + 1, piece.period) : make(0, piece.period + 1)),
  };
}

/** Index of the segment holding local time t: the last point at or before t. */
function segmentAt(points: readonly (readonly [number, number])[], t: number): number {
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (points[middle][0] <= t) low = middle;
    else high = middle - 1;
  }
  return low;
}
