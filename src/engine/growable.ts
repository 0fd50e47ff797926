/**
 * Per-node typed-array columns that grow with the node set: a copy of `column` with room for `length` entries,
 * the new ones set to `fill` (the same array when it is long enough already). Consumers that keep a column
 * reassign it from the result; node ids are never reused, so a column only ever grows.
 */
type Column = Float64Array | Int32Array | Uint16Array | Uint8Array;

/** A copy of `column`, of the same type, with room for `length` entries, the new ones set to `fill`. */
function grown<A extends Column>(column: A, length: number, fill: number): A {
  if (column.length >= length) return column;
  const copy = new (column.constructor as new (length: number) => A)(length);
  copy.set(column);
  if (fill !== 0) copy.fill(fill, column.length);
  return copy;
}

export function grownFloat64<A extends Float64Array>(column: A, length: number, fill = 0): A {
  return grown(column, length, fill);
}

export function grownInt32<A extends Int32Array>(column: A, length: number, fill = 0): A {
  return grown(column, length, fill);
}

export function grownUint8<A extends Uint8Array>(column: A, length: number, fill = 0): A {
  return grown(column, length, fill);
}

export function grownUint16<A extends Uint16Array>(column: A, length: number, fill = 0): A {
  return grown(column, length, fill);
}
