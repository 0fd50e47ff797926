import type { ScenarioIssue } from './issues.js';
import { safeLine } from './safe-text.js';

/**
 * One line per issue, in the shape editors and CI logs recognise:
 * `web.yaml:12:12: nodes.0.cores: bad value '0': must be at least 1; valid: an integer >= 1`
 * `web.yaml:9:5: nodes.0.coers: bad value 'coers': unknown key; valid: group, count, ...; did you mean 'cores'?`
 * `web.yaml: --set seed=x: ...` when the value came from the command line, `web.yaml: ...` when there is no position.
 * Control characters are shown escaped (`\u001b`) and a line is cut after 500 characters.
 */
export function formatIssue(issue: ScenarioIssue): string {
  const parts = [issueLocation(issue)];
  if (issue.severity === 'warning') parts.push('warning');
  if (issue.path !== '') parts.push(issue.path);
  let text = issue.value === undefined ? issue.rule : `bad value '${issue.value}': ${issue.rule}`;
  if (issue.valid !== undefined) text += `; valid: ${issue.valid}`;
  if (issue.suggestion !== undefined) text += `; did you mean '${issue.suggestion}'?`;
  parts.push(text);
  // File names, values and `--set` arguments are the user's text: escaped, and the line cut to a screenful.
  return safeLine(parts.join(': '));
}

function issueLocation(issue: ScenarioIssue): string {
  if (issue.origin !== undefined) return `${issue.file}: ${shortOrigin(issue.origin)}`;
  if (issue.line !== undefined) return `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.file;
}

/** `--set description=<12 000 characters>`: shortened like a bad value, so the rest of the line still shows. */
function shortOrigin(origin: string): string {
  return origin.length > 100 ? `${origin.slice(0, 97)}...` : origin;
}
