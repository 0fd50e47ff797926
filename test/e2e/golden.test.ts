/**
 * Golden reports: every example scenario, run with the same settings each time (scripts/golden-run.mjs: two
 * replications, one thread), gives summary.json, summary.md and every CSV byte for byte as checked in under
 * test/fixtures/golden/. A refactor or a speed-up leaves them alone; a change that moves a figure on purpose
 * regenerates them (`npm run golden:update`) in a commit of its own that says which figure moved, by how much, and why.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with the update script, without types
import { pinnedFile, runGolden } from '../../scripts/golden-run.mjs';

const goldenDir = join(import.meta.dirname, '../fixtures/golden');
const scenarios = readdirSync(join(import.meta.dirname, '../../scenarios'))
  .filter((file) => /\.(ya?ml|json)$/.test(file))
  .map((file) => file.replace(/\.(ya?ml|json)$/, ''));

describe('golden reports of the example scenarios', () => {
  let out = '';
  let written: string[] = [];
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'clustersim-golden-'));
    written = (runGolden as (dir: string) => string[])(out);
  }, 900_000); // every example, one after another: a few minutes on a quiet machine, more under load
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one report per example scenario', () => {
    expect(written.sort()).toEqual([...scenarios].sort());
  });

  it.each(scenarios)('%s: summary.json, summary.md and every CSV are byte-identical to the golden files', (name) => {
    const pinned = readdirSync(join(goldenDir, name)).sort();
    const produced = readdirSync(join(out, name)).filter(pinnedFile as (file: string) => boolean).sort();
    expect(produced).toEqual(pinned);
    for (const file of pinned) {
      const actual = readFileSync(join(out, name, file), 'utf8');
      const expected = readFileSync(join(goldenDir, name, file), 'utf8');
      expect(actual, `${name}/${file}`).toBe(expected);
    }
  });
});
