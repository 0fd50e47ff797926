import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ArrivalSpec } from '../model/spec.js';
import { TraceRowError, TraceRows } from '../model/trace-rows.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { MAX_SCALE_RATE, MAX_SPEEDUP, MIN_SPEEDUP } from './schema-load.js';

/** Where a scenario's trace files are found, the class names its rows may name, and the files read so far. */
export interface TraceContext {
  /** The scenario file as the user named it: a trace's path is relative to its folder. */
  scenarioFile: string;
  classNames: readonly string[];
  /** Per absolute path: its rows per class (null: rows naming none), or null when it was bad (reported once). */
  read?: Map<string, Map<string | null, { rows: number; span: number }> | null>;
}

/**
 * `arrivals: { process: trace, file, speedup, scaleRate }`: the file is read through once, streamed (model/
 * trace-rows.ts), so that a bad row is a positioned error now (in the trace: file:line:column, the column's name,
 * the value, what is valid), not a failed run later; the rows of each class are counted and the last one's time kept,
 * for the mean rate. Only the first bad row is reported: the rows after it are not read. In a trace with a class
 * column, the class replays the rows that name it; a file several classes share is read once here.
 */
export function resolveTrace(
  raw: Record<string, unknown>,
  path: FieldPath,
  className: string | undefined,
  context: TraceContext,
  findings: Findings,
): ArrivalSpec | undefined {
  const file = raw.file;
  const speedup = raw.speedup === undefined ? 1 : raw.speedup;
  const scaleRate = raw.scaleRate === undefined ? 1 : raw.scaleRate;
  const speedupValid = within(speedup, MIN_SPEEDUP, MAX_SPEEDUP);
  const scaleRateValid = within(scaleRate, Number.MIN_VALUE, MAX_SCALE_RATE);
  if (typeof file !== 'string' || file === '' || !speedupValid || !scaleRateValid) return undefined; // the schema said why
  const folder = dirname(context.scenarioFile);
  const absolute = resolve(folder, file);
  const shown = isAbsolute(file) ? file : join(folder, file);
  context.read ??= new Map();
  if (!context.read.has(absolute)) context.read.set(absolute, readTrace(absolute, shown, file, folder, [...path, 'file'], context, findings));
  const perClass = context.read.get(absolute);
  if (perClass === null || perClass === undefined || className === undefined) return undefined;
  const own = perClass.get(className);
  const anonymous = perClass.get(null);
  const rows = (own?.rows ?? 0) + (anonymous?.rows ?? 0);
  if (rows === 0) {
    findings.error({
      path: [...path, 'file'],
      value: file,
      rule: perClass.size === 0 ? `the trace ${shown} has a header but no row` : `no row of the trace ${shown} names class '${className}'`,
      valid: perClass.size === 0 ? 'a trace with at least one row' : `a trace with rows of class ${className}`,
    });
    return undefined;
  }
  const span = Math.max(own?.span ?? 0, anonymous?.span ?? 0);
  return { process: 'trace', file: absolute, speedup, scaleRate, rows, span };
}

function readTrace(
  absolute: string,
  shown: string,
  written: string,
  folder: string,
  path: FieldPath,
  context: TraceContext,
  findings: Findings,
): Map<string | null, { rows: number; span: number }> | null {
  let rows: TraceRows;
  try {
    rows = new TraceRows(absolute);
  } catch (error) {
    if (error instanceof TraceRowError) return rowError(error, shown, path, findings);
    findings.error({
      path,
      value: written,
      rule: `cannot read the trace ${shown}: ${readProblem(error)}`,
      valid: `a CSV file, relative to the scenario file's folder (${folder === '.' ? 'the working directory' : folder})`,
    });
    return null;
  }
  const known = new Set(context.classNames);
  const perClass = new Map<string | null, { rows: number; span: number }>();
  try {
    for (let row = rows.next(); row !== null; row = rows.next()) {
      if (row.className !== null && !known.has(row.className)) {
        rows.close();
        findings.error({
          path,
          file: shown,
          at: { line: rows.lineNumber, column: rows.classColumn },
          value: row.className,
          rule: 'column class: not a class of the workload',
          valid: context.classNames.join(', '),
        });
        return null;
      }
      const counts = perClass.get(row.className) ?? { rows: 0, span: 0 };
      counts.rows++;
      counts.span = row.time;
      perClass.set(row.className, counts);
    }
  } catch (error) {
    if (error instanceof TraceRowError) return rowError(error, shown, path, findings);
    throw error;
  }
  return perClass;
}

function rowError(error: TraceRowError, shown: string, path: FieldPath, findings: Findings): null {
  const { line, column, field, value, rule, valid } = error.problem;
  findings.error({
    path,
    file: shown,
    at: { line, column },
    value,
    rule: field === 'header' || field === 'row' ? `${field}: ${rule}` : `column ${field}: ${rule}`,
    valid,
  });
  return null;
}

/** Why a file could not be opened, in words. */
function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return code ?? (error as Error).message;
}

function within(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && value >= min && value <= max;
}
