import { describe, expect, it } from 'vitest';
import {
  histogramColumns,
  incidentColumns,
  nodeColumns,
  timeseriesColumns,
  csvChunks,
  toCsv,
  type CsvColumn,
} from '../../../src/report/index.js';
import { makeFailureScenarioResult } from '../../fixtures/report/failure-scenario-result.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';

interface Row {
  name: string;
  value: number;
}
const columns: CsvColumn<Row>[] = [
  { key: 'name', header: 'name' },
  { key: 'value', header: 'value_s' },
];

describe('toCsv', () => {
  it('writes a header row and one line per row', () => {
    expect(toCsv([{ name: 'a', value: 1.5 }, { name: 'b', value: 0 }], columns)).toBe('name,value_s\na,1.5\nb,0\n');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv([], columns)).toBe('name,value_s\n');
  });

  it('quotes text holding a delimiter, a quote or a line break', () => {
    expect(toCsv([{ name: 'a,"b"\nc', value: 1 }], columns)).toBe('name,value_s\n"a,""b""\nc",1\n');
  });

  it('writes a missing value as an empty cell and infinity as inf', () => {
    const rows = [
      { name: 'nan', value: NaN },
      { name: 'inf', value: Infinity },
      { name: '-inf', value: -Infinity },
    ];
    expect(toCsv(rows, columns)).toBe('name,value_s\nnan,\ninf,inf\n-inf,-inf\n');
  });
});

describe('report tables', () => {
  const result = makeScenarioResult();
  const failures = makeFailureScenarioResult();
  it.each([
    ['timeseries', timeseriesColumns, result.timeseries[0]],
    ['nodes', nodeColumns, result.nodes.at(0)],
    ['histogram', histogramColumns, result.histogram[0]],
    ['incidents', incidentColumns, failures.incidents[0]],
  ] as const)('%s has one column per row field, each header a unique snake_case name', (_, cols, row) => {
    expect(cols.map((c) => c.key).sort()).toEqual(Object.keys(row).sort());
    const headers = cols.map((c) => c.header);
    expect(new Set(headers).size).toBe(headers.length);
    for (const header of headers) expect(header).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});

describe('incident table', () => {
  it('quotes a cause holding a delimiter, a quote or a line break', () => {
    const incident = { replication: 1, start: 2.5, end: 4, duration: 1.5, cause: 'scripted crash "a", b\nc', requestsFailed: 7 };
    expect(toCsv([incident], incidentColumns)).toBe(
      'replication,start_s,end_s,duration_s,cause,requests_failed\n1,2.5,4,1.5,"scripted crash ""a"", b\nc",7\n',
    );
  });
});

describe('csvChunks (nodes.csv of a large cluster, written a chunk at a time)', () => {
  // Expected bytes written out by hand from the rules above (header, unquoted plain cells, inf, empty NaN, quoting).
  const rows: Row[] = [
    { name: 'web-0', value: 1.5 },
    { name: 'web-1', value: NaN },
    { name: 'web-2', value: Infinity },
    { name: 'a,"b"', value: 0 },
    { name: '', value: -Infinity },
  ];
  const expected = 'name,value_s\nweb-0,1.5\nweb-1,\nweb-2,inf\n"a,""b""",0\n,-inf\n';

  it('gives the bytes of one string for any chunk size, the header once', () => {
    for (const size of [1, 2, 3, 5, 10]) expect([...csvChunks(rows, columns, size)].join('')).toBe(expected);
  });

  it('gives only the header for no rows', () => {
    expect([...csvChunks([], columns, 2)].join('')).toBe('name,value_s\n');
  });

  it('puts at most the chunk size in each chunk', () => {
    expect([...csvChunks(rows, columns, 2)]).toEqual(['name,value_s\nweb-0,1.5\nweb-1,\n', 'web-2,inf\n"a,""b""",0\n', ',-inf\n']);
  });
});
