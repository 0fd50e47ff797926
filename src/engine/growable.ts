/**
 * Per-node typed-array columns that grow with the node set: a copy of `column` with room for `length` entries,
 * the new ones set to `fill` (the same array when it is long enough already). Consumers that keep a column
 * reassign it from the result; node ids are never reused, so a column only ever grows.
 */
export function grownFloat64<A extends Float64Array>(column: A, length: number, fill = 0): A {
  if (column.length >= length) return column;
  const grown = new Float64Array(length) as A;
  grown.set(column);
  if (fill !== 0) grown.fill(fill, column.length);
  return grown;
}

export function grownInt32<A extends Int32Array>(column: A, length: number, fill = 0): A {
  if (column.length >= length) return column;
  const grown = new Int32Array(length) as A;
  grown.set(column);
  if (fill !== 0) grown.fill(fill, column.length);
  return grown;
}

export function grownUint8<A extends Uint8Array>(column: A, length: number, fill = 0): A {
  if (column.length >= length) return column;
  const grown = new Uint8Array(length) as A;
  grown.set(column);
  if (fill !== 0) grown.fill(fill, column.length);
  return grown;
}
