/** A location inside a scenario document: mapping keys and sequence indices from the root. */
export type FieldPath = readonly (string | number)[];

/** `nodes.0.cores`: the dotted form users write in `--set` and read in messages; empty for the whole file. */
export function formatPath(path: FieldPath): string {
  return path.join('.');
}

/** True when `path` is `prefix` itself or lies below it. */
export function isWithin(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}
