import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readBounded } from '../../../src/cli/read-bounded.js';
import { cli, FIXTURES, STACK_LINE, temporaryFolder } from './helpers.js';

/**
 * Issue 10, part 4, at the command line: user mistakes that used to exit 1 ("internal error, this is a bug"),
 * flood the terminal or write a report only to fail, now exit 2 with a positioned, escaped, bounded message.
 */

const TINY = readFileSync(`${FIXTURES}/tiny.yaml`, 'utf8');

function scenarioFile(text: string, name = 's.yaml'): string {
  const file = join(temporaryFolder(), name);
  writeFileSync(file, text);
  return file;
}

/** Any raw control character but the newline that ends each line. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('exit 2 with a position, never an internal error', () => {
  test('a description nested 700 mappings deep', async () => {
    const file = scenarioFile(`${TINY}description: ${'{a: '.repeat(700)}x${'}'.repeat(700)}\n`);
    const { code, stderr } = await cli('validate', file);
    expect(code).toBe(2);
    // tiny.yaml has 13 lines: the description is line 14; the 64th brace at column 13 + 4 x 63 + 1
    expect(stderr).toContain(`${file}:14:266: description.a.a.a`);
    expect(stderr).not.toMatch(/internal error|Maximum call stack/);
  });

  test('an undefined alias with --seed, --set or --replications', async () => {
    const file = scenarioFile(`${TINY}description: *nope\n`);
    for (const extra of [['--seed', '4'], ['--set', 'duration=10s'], ['--replications', '1']]) {
      const { code, stderr } = await cli('run', file, '--out', temporaryFolder(), ...extra);
      expect(code).toBe(2);
      // "description: " is 13 characters
      expect(stderr.split('\n')[0]).toBe(
        `${file}:14:14: description: bad value '*nope': undefined alias: no anchor &nope before it; ` +
          'valid: an alias (*name) after the anchor it names (&name)',
      );
    }
  });

  test('a scenario name of 244 characters: refused before the run, echoed once, no report', async () => {
    const out = temporaryFolder();
    const name = 'n'.repeat(244);
    const file = scenarioFile(TINY.replace('name: tiny', `name: ${name}`));
    const { code, stdout, stderr } = await cli('run', file, '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${file}:2:7: name: bad value '${'n'.repeat(57)}...': too long: 244 characters; valid: letters, digits, '.', '_' ` +
        "and '-', starting with a letter or digit; at most 100 characters\n" +
        'clustersim: 1 error in 1 file; nothing was run and no report was written\n',
    );
    expect(readdirSync(out)).toEqual([]);
  });

  test('a 50 MB scenario is refused from its size, without reading it', async () => {
    const file = scenarioFile('');
    truncateSync(file, 50 * 1024 * 1024); // sparse: nothing is written, and nothing must be read
    const { code, stderr } = await cli('validate', file);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `${file}: the file is too large: 52428800 bytes; valid: a scenario file of at most 1000000 bytes (1 MB)\n` +
        'clustersim: 1 error in 1 file\n',
    );
  });
});

describe('what reaches the terminal', () => {
  test('control characters in a value, a --set argument and a file name are shown escaped', async () => {
    const file = scenarioFile(TINY.replace('count: 2', 'count: "\\u001b[2J"'), 'odd\u001b[31mname.yaml');
    const { code, stderr } = await cli('validate', file, '--set', 'seed=\u001b]0;title\u0007');
    expect(code).toBe(2);
    expect(stderr).not.toMatch(RAW_CONTROL);
    const shown = file.replace('\u001b', '\\u001b');
    expect(stderr.split('\n')[0]).toBe(
      `${shown}:9:12: nodes.0.count: bad value '\\u001b[2J': must be an integer; valid: an integer from 1 to 1000000`,
    );
    const missing = await cli('validate', 'gone\u0007\n.yaml');
    expect(missing.stderr).toBe(
      'gone\\u0007\\n.yaml: cannot read: no such file or directory; valid: an existing scenario file or folder\n' +
        'clustersim: 1 error in 1 file\n',
    );
  });

  test('an unknown option with control characters is echoed escaped', async () => {
    const { code, stderr } = await cli('validate', 'x.yaml', '--bad\u001b[2J');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--bad\\u001b[2J'");
    expect(stderr).not.toMatch(RAW_CONTROL);
  });

  test("about 1 MB of garbage: at most 50 errors shown, the rest counted, every line bounded", async () => {
    // a deterministic garbage file (an LCG): printable characters with newlines, colons, dashes and control bytes
    let x = 7;
    let text = '';
    for (let i = 0; i < 900_000; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const roll = (x >> 16) % 100;
      text += roll < 5 ? '\n' : roll < 8 ? ': ' : roll < 10 ? '- ' : roll < 11 ? '\u001b' : String.fromCharCode(32 + ((x >> 8) % 95));
    }
    const file = scenarioFile(text);
    const { code, stdout, stderr } = await cli('validate', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    const errorCount = Number(/^clustersim: (\d+) errors in 1 file$/.exec(lines[lines.length - 1])![1]);
    expect(errorCount).toBeGreaterThan(50);
    expect(lines).toHaveLength(52);
    expect(lines.slice(0, 50).every((line) => line.startsWith(`${file}:`) && /^[^:]+:\d+:\d+: /.test(line))).toBe(true);
    expect(lines[50]).toBe(`${file}: ${errorCount - 50} more errors not shown (the first 50 are above)`);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(560);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).not.toMatch(STACK_LINE);
  });
});

describe('readBounded', () => {
  test('a file within the bound is read whole; one byte more is refused with its size', async () => {
    const file = scenarioFile('x'.repeat(1000));
    expect(await readBounded(file, 1000)).toEqual({ text: 'x'.repeat(1000) });
    expect(await readBounded(file, 999)).toEqual({ tooLarge: '1000 bytes' });
  });

  test.runIf(existsSync('/dev/zero'))('a file with no size on disk (a device, a pipe) is read only up to the bound', async () => {
    expect(await readBounded('/dev/zero', 100_000)).toEqual({ tooLarge: 'more than 100000 bytes' });
  });
});
