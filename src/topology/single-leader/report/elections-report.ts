import type { ElectionRow, Summary } from '../../../experiment/result.js';
import { escapeHtml } from '../../../report/html-escape.js';
import { capitalized, htmlTable } from '../../../report/html-table.js';
import { escapedMarkdownTable, markdownTable } from '../../../report/markdown-table.js';
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

/**
 * The "Leader elections" part of summary.md and of report.html, from the same rows (election-figures.ts) so that the
 * two always agree: the figures, how to read them, and every election.
 */

/** The "Leader elections" part of summary.md: the figures, how to read them, and every election. */
export function electionsMarkdown(elections: readonly ElectionRow[] | undefined, summary: Summary): string[] {
  const rows = electionFigureRows(summary);
  if (rows.length === 0) return [];
  const lines = ['', `## ${ELECTIONS_TITLE}`, '', ELECTIONS_NOTE, ''];
  lines.push(...markdownTable(['figure', 'value', '95 % CI'], rows.map((r) => [r.figure, r.value, r.ci]), [false, true, true]));
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
  lines.push(list.note, '', ...escapedMarkdownTable(ELECTION_COLUMNS, list.rows, ['cause']));
  return lines;
}

/** The single-leader topology's elections and lost writes; nothing (not even a line) for other runs. */
export function electionsHtml(elections: readonly ElectionRow[] | undefined, summary: Summary): string {
  const rows = electionFigureRows(summary);
  if (rows.length === 0) return '';
  const figures = htmlTable(
    'elections',
    [
      { header: 'Figure', numeric: false },
      { header: 'Value', numeric: true },
      { header: '95 % CI', numeric: true },
    ],
    rows.map((r) => [r.figure, r.value, r.ci]),
  );
  return (
    `<section id="elections">\n<h2>${escapeHtml(ELECTIONS_TITLE)}</h2>\n<p class="note">${escapeHtml(ELECTIONS_NOTE)}</p>\n` +
    `${figures}\n${replicatedNoteHtml(summary)}${electionListHtml(elections)}</section>\n`
  );
}

/** How to read the replicated store's figures, under the table; nothing for other runs. */
function replicatedNoteHtml(summary: Summary): string {
  const note = replicatedFiguresNote(summary);
  return note === null ? '' : `<p class="note">${escapeHtml(note)}</p>\n`;
}

/** The single-leader run's elections, one row each, under the figures; nothing when the result lists none. */
function electionListHtml(elections: readonly ElectionRow[] | undefined): string {
  if (elections === undefined) return '';
  const title = `<h3>${escapeHtml(ELECTION_LIST_TITLE)}</h3>\n`;
  if (elections.length === 0) return `${title}<p>${escapeHtml(NO_ELECTION_TEXT)}</p>\n`;
  const list = electionTable(elections);
  const rows = htmlTable(
    'election-list',
    ELECTION_COLUMNS.map((header) => ({ header: capitalized(header), numeric: header !== 'cause' })),
    list.rows,
  );
  return `${title}<p class="note">${escapeHtml(list.note)}</p>\n<div class="scroll">\n${rows}\n</div>\n`;
}
