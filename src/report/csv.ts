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
