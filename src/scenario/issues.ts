import type { FieldPath } from './paths.js';

/** One problem found in a scenario, located and ready to print with `formatIssue`. */
export interface ScenarioIssue {
  severity: 'error' | 'warning';
  /** The file as the user named it. */
  file: string;
  /** 1-based; absent when the problem has no place in the file (a missing file, a value set on the command line). */
  line?: number;
  column?: number;
  /** Set when the value came from the command line rather than the file: `--set workload.0.arrivals.rate=8/s`. */
  origin?: string;
  /** Dotted field path, `nodes.0.cores`; empty for problems of the whole file (YAML syntax, empty file). */
  path: string;
  /** The offending value or key as written, shortened to one line. */
  value?: string;
  /** What is wrong: "must be at least 1", "unknown key", "duplicate group". */
  rule: string;
  /** What would be accepted: "an integer >= 1", "fifo, ps". */
  valid?: string;
  /** The likely intended word, for misspelt keys, names and units. */
  suggestion?: string;
}

/** Where a finding points in the source: the value at a path (the default), or the key naming it. */
export type Anchor = 'value' | 'key';

/** A problem found by a checker, before it is given a file position. */
export interface Finding {
  path: FieldPath;
  /** Where to point; defaults to `path` (for a missing key it is the mapping that lacks it). */
  locate?: FieldPath;
  anchor?: Anchor;
  /** The raw offending value (rendered to text when located); omit for "missing" problems. */
  value?: unknown;
  rule: string;
  valid?: string;
  suggestion?: string;
  /** The command-line override the problem belongs to, when it is one (a bad `--set` path). */
  origin?: string;
  /** The exact place, when the checker knows it (a node of the parsed YAML); otherwise it is found from the path. */
  at?: { line: number; column: number };
  /** The file the problem is in, when it is not the scenario file (a trace), as the user would open it; with `at`. */
  file?: string;
}

/** Collects findings from the schema check, the resolver and the load checks, errors and warnings apart. */
export class Findings {
  readonly errors: Finding[] = [];
  readonly warnings: Finding[] = [];

  error(finding: Finding): void {
    this.errors.push(finding);
  }

  warning(finding: Finding): void {
    this.warnings.push(finding);
  }
}
