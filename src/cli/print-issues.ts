import { formatIssue, LIMITS, safeLine, type ScenarioIssue } from '../scenario/index.js';
import type { CliIo } from './io.js';

/**
 * Prints issues to stderr, at most `LIMITS.issuesShown` per file and severity, then one line counting the rest: a
 * file of garbage gives a screenful, not megabytes. `web.yaml: 1234 more errors not shown`.
 */
export function printIssues(issues: readonly ScenarioIssue[], io: CliIo): void {
  const shown = new Map<string, number>();
  const hidden = new Map<string, { file: string; severity: string; count: number }>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.file}`;
    const count = shown.get(key) ?? 0;
    if (count < LIMITS.issuesShown) {
      shown.set(key, count + 1);
      io.err(`${formatIssue(issue)}\n`);
    } else {
      const rest = hidden.get(key) ?? { file: issue.file, severity: issue.severity, count: 0 };
      rest.count++;
      hidden.set(key, rest);
    }
  }
  for (const { file, severity, count } of hidden.values()) {
    const noun = count === 1 ? severity : `${severity}s`;
    io.err(`${safeLine(`${file}: ${count} more ${noun} not shown (the first ${LIMITS.issuesShown} are above)`)}\n`);
  }
}
