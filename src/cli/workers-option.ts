/**
 * `--workers N` as written (the last one given): N, or undefined when absent, or the usage error for anything but
 * an integer >= 1.
 */
export function workersOption(raw: unknown): { workers: number | undefined } | { error: string } {
  if (raw === undefined) return { workers: undefined };
  const text = String(([] as unknown[]).concat(raw).pop());
  const workers = Number(text);
  if (!Number.isInteger(workers) || workers < 1) return { error: `--workers: bad value '${text}': expected an integer >= 1` };
  return { workers };
}
