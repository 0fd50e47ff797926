/**
 * `arrivals: { process: trace, file, speedup, scaleRate }` in a scenario file: the path relative to the scenario's
 * folder, the rows counted per class for the mean rate, and every bad row as a positioned error in the trace
 * (file:line:column), as the user sees it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { meanArrivalRate } from '../../../src/index.js';
import { formatIssue, loadScenario } from '../../../src/scenario/index.js';
import { BASE, yaml } from './helpers.js';

const folder = mkdtempSync(join(tmpdir(), 'clustersim-trace-scenario-'));
mkdirSync(join(folder, 'traces'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const scenarioFile = join(folder, 's.yaml');
const shown = join(folder, 'traces', 't.csv');

/** BASE with class api replaying traces/t.csv (whose text is `csv`) and, if asked, a second class `batch`. */
function withTrace(csv: string, arrivals = '{ process: trace, file: traces/t.csv }', batch = false) {
  writeFileSync(shown, csv);
  const lines: string[] = [...BASE];
  lines[8] = `    arrivals: ${arrivals}`;
  if (batch) lines.push('  - class: batch', '    arrivals: { process: trace, file: traces/t.csv }', '    work: 1s');
  return loadScenario(yaml(...lines), { file: scenarioFile });
}
const errorsOf = (...args: Parameters<typeof withTrace>) => withTrace(...args).errors.map(formatIssue);

describe('trace arrivals', () => {
  test('resolve to the absolute file, speedup and scaleRate 1 by default, the rows and span of the class', () => {
    const result = withTrace('time\n0\n1.5\n4\n');
    expect(result.errors).toEqual([]);
    const arrivals = result.spec!.workload[0].arrivals;
    expect(arrivals).toEqual({ process: 'trace', file: shown, speedup: 1, scaleRate: 1, rows: 3, span: 4 });
    // 3 rows over 4 s.
    expect(meanArrivalRate(arrivals)).toBe(0.75);
  });

  test('speedup and scaleRate scale the mean rate; classes sharing a file each count their own rows', () => {
    const result = withTrace('time,class\n0,api\n1,batch\n2,api\n8,batch\n', '{ process: trace, file: traces/t.csv, speedup: 2, scaleRate: 3 }', true);
    expect(result.errors).toEqual([]);
    const [api, batch] = result.spec!.workload.map((c) => c.arrivals);
    expect(api).toMatchObject({ rows: 2, span: 2 });
    expect(batch).toMatchObject({ rows: 2, span: 8 });
    // api: 2 rows x 3 over 2 s / 2.
    expect(meanArrivalRate(api)).toBe(6);
  });

  test('a bad row: the trace file, line and column, the column name, the value and what is valid', () => {
    expect(errorsOf('time,work\n0,0.1\n2,0.1\n1,0.1\n')).toEqual([
      `${shown}:4:1: workload.0.arrivals.file: bad value '1': column time: earlier than the row before; valid: a time at or after the previous row's (2 s from the trace's start)`,
    ]);
    expect(errorsOf('time,work\n0,0.1\n1,-2\n')).toEqual([
      `${shown}:3:3: workload.0.arrivals.file: bad value '-2': column work: not a number >= 0; valid: seconds >= 0 on a speed-1 core (e.g. 0.025)`,
    ]);
    expect(errorsOf('time,size\nnoon,1\n')).toEqual([
      `${shown}:2:1: workload.0.arrivals.file: bad value 'noon': column time: not a time; valid: seconds >= 0 (e.g. 12.5) or an ISO 8601 timestamp with a zone (e.g. 2026-03-02T09:00:00.250Z)`,
    ]);
    expect(errorsOf('time,class\n0,api\n1,nightly\n')).toEqual([
      `${shown}:3:3: workload.0.arrivals.file: bad value 'nightly': column class: not a class of the workload; valid: api`,
    ]);
    expect(errorsOf('when\n0\n')).toEqual([
      `${shown}:1:1: workload.0.arrivals.file: bad value 'when': header: unknown column; valid: time, class, work, size, key (time required)`,
    ]);
  });

  test('a missing file, an empty trace, a class no row names: errors at the scenario key', () => {
    const missing = loadScenario(yaml(...BASE.slice(0, 8), '    arrivals: { process: trace, file: traces/none.csv }', BASE[9]), {
      file: scenarioFile,
    });
    expect(missing.errors.map(formatIssue)).toEqual([
      `${scenarioFile}:9:39: workload.0.arrivals.file: bad value 'traces/none.csv': cannot read the trace ${join(folder, 'traces/none.csv')}: no such file; valid: a CSV file, relative to the scenario file's folder (${folder})`,
    ]);
    expect(errorsOf('time\n')[0]).toMatch(/workload\.0\.arrivals\.file: bad value 'traces\/t\.csv': the trace .* has a header but no row/);
    expect(errorsOf('time,class\n0,batch\n', undefined, true)[0]).toMatch(/no row of the trace .* names class 'api'/);
  });

  test('speedup and scaleRate: positive and bounded (a row sends at most 1 000 requests)', () => {
    expect(errorsOf('time\n0\n', '{ process: trace, file: traces/t.csv, speedup: 0 }')).toEqual([
      `${scenarioFile}:9:62: workload.0.arrivals.speedup: bad value '0': must be at least 0.000001; valid: a number from 0.000001 to 1000000`,
    ]);
    expect(errorsOf('time\n0\n', '{ process: trace, file: traces/t.csv, scaleRate: 5000 }')).toEqual([
      `${scenarioFile}:9:64: workload.0.arrivals.scaleRate: bad value '5000': must be at most 1000; valid: a number > 0 and at most 1000`,
    ]);
  });

  test('a warning when the trace ends well before the window does', () => {
    const lines = (duration: string) => {
      writeFileSync(shown, 'time\n0\n30\n');
      const text = yaml(...BASE.map((line, i) => (i === 1 ? `duration: ${duration}` : i === 8 ? '    arrivals: { process: trace, file: traces/t.csv }' : line)));
      return loadScenario(text, { file: scenarioFile }).warnings.map(formatIssue);
    };
    expect(lines('1min')).toEqual([
      `${scenarioFile}:9:39: warning: workload.0.arrivals.file: class 'api' has its last arrival at 30s, before the run ends at 1min (warm-up + duration): the rest of the window has none of its requests; valid: a duration that ends with the trace (its last row / speedup), or a longer trace`,
    ]);
    expect(lines('30s')).toEqual([]);
  });
});
