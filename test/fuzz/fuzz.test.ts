import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCampaign, summaryText } from './campaign.js';

/**
 * The fuzz test (issue 10): mutated example scenarios must each give exit 0, or exit 2 with positioned messages;
 * never an internal error, a stack trace, or a report for an invalid file. In `npm test`: 300 cases of a fixed seed,
 * so the suite is repeatable. `npm run fuzz -- --cases 10000 [--seed S] [--case I]` sets the FUZZ_* variables for
 * longer campaigns (scripts/fuzz.mjs), with a new seed each time unless one is given.
 */
const cases = Number(process.env.FUZZ_CASES ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? 20_251_206);
const only = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const maxRuns = Number(process.env.FUZZ_RUNS ?? 6);
const keep = process.env.FUZZ_WORKDIR;

test(`${cases} mutated scenarios (seed ${seed}): exit 0, or exit 2 with positions; nothing else`, async () => {
  const workDir = keep ?? mkdtempSync(join(tmpdir(), 'clustersim-fuzz-'));
  const summary = await runCampaign({ seed, cases, maxRuns, only, workDir, summaryFile: process.env.FUZZ_SUMMARY });
  if (summary.failures.length === 0 && keep === undefined) rmSync(workDir, { recursive: true, force: true });
  expect(summary.failures, summaryText(summary)).toEqual([]);
  expect(summary.cases).toBe(only === undefined ? cases : 1);
  if (only === undefined) {
    // the mutations must not all break (or all spare) the files: both verdicts have to be exercised
    expect(summary.valid).toBeGreaterThan(cases / 20);
    expect(summary.invalid).toBeGreaterThan(cases / 4);
  }
}, Number(process.env.FUZZ_TIMEOUT_MS ?? 120_000));
