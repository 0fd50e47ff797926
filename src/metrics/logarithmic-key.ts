/** Slots of the log2 table over the mantissa [1, 2). */
const slotBits = 10;
const slots = 1 << slotBits;
/** log2(1 + i / slots) for i = 0 .. slots. */
const log2Table = Float64Array.from({ length: slots + 1 }, (_, i) => Math.log2(1 + i / slots));
const lowBitsScale = 2 ** -(52 - slotBits);
/**
 * How far linear interpolation in the table can be from log2: (slot width)^2 / 8 x max |log2''| = 2^-20 / 8 / ln 2.
 * Rounding in the estimate and the formula's own error (a unit in the last place of the logarithm) add about 1e-13
 * on top, for any exponent.
 */
const interpolationError = 2 ** -20 / 8 / Math.LN2;

/**
 * `Math.ceil(Math.log2(value) * multiplier)`, the key sketches-js's LogarithmicMapping gives a positive value, the
 * same integer for every value, mostly without the logarithm: an estimate from the value's bits (its exponent, and
 * its mantissa's log2 interpolated in a 1 025-entry table) decides the key whenever it lies farther from an integer
 * than four times its error bound (all but about 1 value in 4 000 at the default accuracy), and the formula decides
 * the rest. A logarithm was the largest part of recording a latency, and a request records two.
 */
export class LogarithmicKey {
  /** Keys from an integer within which the formula decides: four times the estimate's error bound, in keys. */
  readonly margin: number;

  constructor(readonly multiplier: number) {
    this.margin = 4 * interpolationError * multiplier + 1e-9;
  }

  /** The key of a positive `value` (above the smallest normal double); Infinity and NaN take the formula's. */
  key(value: number): number {
    return logarithmicKey(value, this.multiplier, this.margin);
  }
}

/** The value whose bits `logarithmicKey` reads, seen as two 32-bit words (little-endian: the high word second). */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/**
 * LogarithmicKey's key as a function of its constants, for a loop that holds them in locals (a sketch adding its
 * buffered values): read from the key object on every value, they were loaded and unboxed again each time.
 */
export function logarithmicKey(value: number, multiplier: number, margin: number): number {
  bits[0] = value;
  const high = words[1];
  const exponent = high >>> 20;
  if (exponent === 0 || exponent >= 2047) return Math.ceil(Math.log2(value) * multiplier);
  const slot = (high >>> (20 - slotBits)) & (slots - 1);
  // The mantissa bits below the slot's, as a fraction of the slot.
  const within = ((high & ((1 << (20 - slotBits)) - 1)) * 4294967296 + words[0]) * lowBitsScale;
  const below = log2Table[slot];
  const estimate = (exponent - 1023 + below + (log2Table[slot + 1] - below) * within) * multiplier;
  const key = Math.ceil(estimate);
  if (key - estimate > margin && estimate - key + 1 > margin) return key;
  return Math.ceil(Math.log2(value) * multiplier);
}
