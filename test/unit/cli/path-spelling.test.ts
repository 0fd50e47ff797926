/**
 * report.html and comparison.html are byte-identical for the same run whatever spelling of the scenario path was
 * typed (issue 18.5): relative, absolute, or with ./ and ..; the pages show it relative to the working folder (absolute outside it).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { shownPath } from '../../../src/cli/shown-path.js';
import { cli, FIXTURES, temporaryFolder } from './helpers.js';

const TINY = `${FIXTURES}/tiny.yaml`;
const SPELLINGS = [TINY, resolve(TINY), `./${FIXTURES}/../scenarios/tiny.yaml`];

describe('the same run typed three ways', () => {
  test('report.html is byte-identical and names the file relative to the working folder', async () => {
    const pages: string[] = [];
    for (const path of SPELLINGS) {
      const out = temporaryFolder();
      expect((await cli('run', path, '--out', out, '-q')).code).toBe(0);
      pages.push(readFileSync(join(out, 'tiny', 'report.html'), 'utf8'));
    }
    expect(pages[0]).toContain('test/fixtures/scenarios/tiny.yaml');
    expect(pages[1]).toBe(pages[0]);
    expect(pages[2]).toBe(pages[0]);
  });

  test('comparison.html of two scenario files is byte-identical', async () => {
    const dir = temporaryFolder();
    copyFileSync(TINY, join(dir, 'tiny.yaml'));
    const other = join(dir, 'tiny-jsq.yaml');
    const text = readFileSync(TINY, 'utf8').replace('name: tiny', 'name: tiny-jsq');
    writeFileSync(other, `${text}balancer: { policy: join-shortest-queue }\n`);
    const pages: string[] = [];
    for (const [a, b] of [
      [join(dir, 'tiny.yaml'), other],
      [`${dir}/./tiny.yaml`, `${dir}/../${basename(dir)}/tiny-jsq.yaml`],
    ]) {
      const out = temporaryFolder();
      expect((await cli('compare', a, b, '--out', out, '-q')).code).toBe(0);
      pages.push(readFileSync(join(out, 'tiny-compare', 'comparison.html'), 'utf8'));
    }
    expect(pages[0]).toContain(`tiny-jsq: ${shownPath(other)}`);
    expect(pages[1]).toBe(pages[0]);
  });

  test('shownPath: relative inside the folder given, absolute outside it', () => {
    expect(shownPath('/work/a/b.yaml', '/work')).toBe('a/b.yaml');
    expect(shownPath('./a/../b.yaml', '/work')).toBe('b.yaml');
    expect(shownPath('/elsewhere/./c.yaml', '/work/x')).toBe('/elsewhere/c.yaml');
  });
});
