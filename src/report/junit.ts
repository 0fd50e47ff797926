/**
 * JUnit XML for `clustersim check`, the format CI systems show as test results (GitHub Actions through a reporter,
 * GitLab, Jenkins): one testsuite per scenario, one testcase per check, a <failure> with the numbers in its message
 * or a <skipped>. Follows the de-facto schema of Ant's JUnit report (testsuites > testsuite > testcase), as described
 * at https://github.com/testmoapp/junitxml. Pure: the same checks give the same bytes (no timestamp, no host name).
 */
import { escapeHtml } from './html-escape.js';

export interface JunitCase {
  /** Groups the cases: `figures`, `objectives`, `run`. */
  group: string;
  name: string;
  outcome: 'pass' | 'failure' | 'skipped';
  /** The numbers: the failure's message, the skip's reason, or the passing case's system-out. */
  message: string;
}

export interface JunitSuite {
  name: string;
  cases: JunitCase[];
}

/** XML 1.0 forbids most control characters even escaped; they become U+FFFD. */
function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd'));
}

function caseXml(suite: string, c: JunitCase): string {
  const open = `    <testcase classname="${xmlText(`${suite}.${c.group}`)}" name="${xmlText(c.name)}"`;
  if (c.outcome === 'failure') {
    return `${open}>\n      <failure type="regression" message="${xmlText(c.message)}">${xmlText(c.message)}</failure>\n    </testcase>`;
  }
  if (c.outcome === 'skipped') return `${open}>\n      <skipped message="${xmlText(c.message)}"/>\n    </testcase>`;
  return `${open}>\n      <system-out>${xmlText(c.message)}</system-out>\n    </testcase>`;
}

export function buildJunitXml(suites: readonly JunitSuite[]): string {
  const count = (cases: readonly JunitCase[], outcome: JunitCase['outcome']) => cases.filter((c) => c.outcome === outcome).length;
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="clustersim check" tests="${all.length}" failures="${count(all, 'failure')}" errors="0" skipped="${count(all, 'skipped')}">`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${xmlText(suite.name)}" tests="${suite.cases.length}" failures="${count(suite.cases, 'failure')}" ` +
        `errors="0" skipped="${count(suite.cases, 'skipped')}">`,
    );
    for (const c of suite.cases) lines.push(caseXml(suite.name, c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
