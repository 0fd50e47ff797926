import { formatIssue, loadScenario, parseSetArgument, type LoadOptions, type LoadResult, type Override } from '../../../src/scenario/index.js';

/** Joins lines with newlines, so a test reads its own line numbers: lines[0] is line 1. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A valid scenario, as lines; tests copy it and change one line to make one mistake. */
export const BASE = [
  'name: t', //                                    1
  'duration: 1h', //                               2
  'nodes:', //                                     3
  '  - group: web', //                             4
  '    count: 2', //                               5
  '    cores: 1', //                               6
  'workload:', //                                  7
  '  - class: api', //                             8
  '    arrivals: { process: poisson, rate: 1/s }', // 9
  '    work: 100ms', //                            10
] as const;

/** BASE with line `line` (1-based) replaced. */
export function withLine(line: number, text: string): string[] {
  const lines: string[] = [...BASE];
  lines[line - 1] = text;
  return lines;
}

export function load(text: string, options: Partial<LoadOptions> = {}): LoadResult {
  return loadScenario(text, { file: 't.yaml', ...options });
}

/** The formatted error lines of a text, as a user would see them. */
export function errorsOf(text: string, options: Partial<LoadOptions> = {}): string[] {
  return load(text, options).errors.map(formatIssue);
}

export function warningsOf(text: string, options: Partial<LoadOptions> = {}): string[] {
  return load(text, options).warnings.map(formatIssue);
}

export function sets(...args: string[]): Override[] {
  return args.map((arg) => {
    const override = parseSetArgument(arg);
    if (override === undefined) throw new Error(`bad test --set ${arg}`);
    return override;
  });
}
