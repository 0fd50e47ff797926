import type { ElectionRow, Summary } from '../../../experiment/result.js';
import { escapeMarkdown } from '../../../report/markdown-escape.js';
import { markdownTable as table } from '../../../report/markdown-table.js';
import {
  ELECTION_COLUMNS,
  ELECTION_LIST_TITLE,
  electionFigureRows,
  electionTable,
  ELECTIONS_NOTE,
  ELECTIONS_TITLE,
  NO_ELECTION_TEXT,
  replicatedFiguresNote,
} from './election-figures.js';

/** The "Leader elections" part of summary.md: the figures, how to read them, and every election. */
export function electionsMarkdown(elections: readonly ElectionRow[] | undefined, summary: Summary): string[] {
  const rows = electionFigureRows(summary);
  if (rows.length === 0) return [];
  const lines = ['', `## ${ELECTIONS_TITLE}`, '', ELECTIONS_NOTE, ''];
  lines.push(...table(['figure', 'value', '95 % CI'], rows.map((r) => [r.figure, r.value, r.ci]), [false, true, true]));
  const replicatedNote = replicatedFiguresNote(summary);
  if (replicatedNote !== null) lines.push('', replicatedNote);
  if (elections !== undefined) lines.push(...electionListLines(elections));
  return lines;
}

/** The single-leader run's elections, one row each (a sub-section of Leader elections). */
function electionListLines(elections: readonly ElectionRow[]): string[] {
  const lines = ['', `### ${ELECTION_LIST_TITLE}`, ''];
  if (elections.length === 0) return [...lines, NO_ELECTION_TEXT];
  const list = electionTable(elections);
  lines.push(list.note, '');
  lines.push(
    ...table(
      ELECTION_COLUMNS,
      list.rows.map((cells) => cells.map(escapeMarkdown)),
      ELECTION_COLUMNS.map((c) => c !== 'cause'),
    ),
  );
  return lines;
}
