import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<Row> {
  key: keyof Row & string;
  /** The header names its unit (`start_s`, `throughput_per_s`) so the file reads without the docs. */
  header: string;
}

/**
 * A table's columns from a record of every row field to its header. Typing it as a complete record makes the
 * compiler reject a table that forgets a new field of the result contract.
 */
export function columnsOf<Row>(headers: Record<keyof Row & string, string>): CsvColumn<Row>[] {
  return (Object.keys(headers) as (keyof Row & string)[]).map((key) => ({ key, header: headers[key] }));
}

/**
 * Spreadsheet and pandas readers take `inf` and an empty cell (missing); csv-stringify's default would write
 * `Infinity` and `NaN`.
 */
function formatCell(value: number): string {
  if (Number.isNaN(value)) return '';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** CSV with a header row, `\n` line ends and a final newline; a header-only file when there are no rows. */
export function toCsv<Row extends object>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  return stringify([...rows], {
    header: true,
    columns: columns.map(({ key, header }) => ({ key, header })),
    cast: { number: formatCell },
  });
}

/**
 * The same bytes as `toCsv`, as chunks of `rowsPerChunk` rows (the header with the first): a table of a million
 * nodes (nodes.csv, 67 MB) is written a chunk at a time instead of as one string. A chunk whose cells are all numbers
 * and strings without a quote, comma or line break (csv-stringify's default quoting rule: such a cell is written as
 * is) is formatted here, about ten times faster than csv-stringify and without its per-record garbage; any other
 * chunk goes through csv-stringify.
 */
export function* csvChunks<Row extends object>(
  rows: { readonly length: number; slice(start: number, end: number): Row[] },
  columns: readonly CsvColumn<Row>[],
  rowsPerChunk = 10_000,
): Generator<string> {
  yield toCsv(rows.slice(0, rowsPerChunk), columns);
  for (let start = rowsPerChunk; start < rows.length; start += rowsPerChunk) {
    const chunk = rows.slice(start, start + rowsPerChunk);
    yield plainCsv(chunk, columns) ??
      stringify(chunk, { columns: columns.map(({ key, header }) => ({ key, header })), cast: { number: formatCell } });
  }
}

/** A cell csv-stringify writes unquoted: a quote, a comma, `\n` or `\r` would make it quote the cell. */
const needsQuoting = /[",\r\n]/;

/** The rows' CSV lines without a header, or undefined when some cell is not a plain number or string. */
function plainCsv<Row extends object>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string | undefined {
  let text = '';
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      const value: unknown = row[columns[c].key];
      if (c > 0) line += ',';
      if (typeof value === 'number') line += formatCell(value);
      else if (typeof value === 'string' && !needsQuoting.test(value)) line += value;
      else return undefined;
    }
    text += `${line}\n`;
  }
  return text;
}
