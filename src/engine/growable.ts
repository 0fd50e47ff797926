/**
 * Per-node typed-array columns that grow with the node set: a copy of `column` with room for `length` entries,
 * the new ones set to `fill` (the same array when it is long enough already). Consumers that keep a column
 * reassign it from the result; node ids are never reused, so a column only ever grows.
 */
export function grownFloat64(column: Float64Array, length: number, fill = 0): Float64Array {
  if (column.length >= length) return column;
  const grown = new Float64Array(length);
  grown.set(column);
  if (fill !== 0) grown.fill(fill, column.length);
  return grown;
}

export function grownInt32(column: Int32Array, length: number, fill = 0): Int32Array {
  if (column.length >= length) return column;
  const grown = new Int32Array(length);
  grown.set(column);
  if (fill !== 0) grown.fill(fill, column.length);
  return grown;
}

export function grownUint8(column: Uint8Array, length: number, fill = 0): Uint8Array {
  if (column.length >= length) return column;
  const grown = new Uint8Array(length);
  grown.set(column);
  if (fill !== 0) grown.fill(fill, column.length);
  return grown;
}
