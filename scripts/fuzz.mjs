#!/usr/bin/env node
// Long fuzz campaigns: npm run fuzz -- --cases 10000 [--seed S] [--runs R] [--case I]
// Runs test/fuzz/fuzz.test.ts under vitest with FUZZ_* variables, then prints the campaign's summary: cases, exit 0,
// exit 2, runs, and each failure with its file and the command that reproduces it. Exit 1 when any case failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const options = { cases: 10000, seed: undefined, runs: undefined, case: undefined };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split(/=(.*)/s);
  const name = flag.replace(/^--/, '');
  if (!(name in options)) {
    console.error(`fuzz: unknown option '${argv[i]}'; valid: --cases N, --seed S, --runs R, --case I`);
    process.exit(2);
  }
  const value = Number(inline ?? argv[++i]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fuzz: ${flag} needs a whole number`);
    process.exit(2);
  }
  options[name] = value;
}
// A new seed each campaign unless one is given (it is printed, so any campaign can be replayed).
const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
const workDir = mkdtempSync(join(tmpdir(), 'clustersim-fuzz-'));
const summaryFile = join(workDir, 'summary.json');
const env = {
  ...process.env,
  FUZZ_CASES: String(options.cases),
  FUZZ_SEED: String(seed),
  FUZZ_RUNS: String(options.runs ?? Math.ceil(options.cases / 50)),
  FUZZ_WORKDIR: workDir,
  FUZZ_SUMMARY: summaryFile,
  // about 80 ms a case and a few seconds a run, with room for a busy machine
  FUZZ_TIMEOUT_MS: String(600_000 + options.cases * 2_000),
};
if (options.case !== undefined) env.FUZZ_CASE = String(options.case);
console.log(`fuzz: seed ${seed}, ${options.case === undefined ? `${options.cases} cases` : `case ${options.case}`}; files in ${workDir}`);
console.log(`fuzz: failures are listed in ${join(workDir, 'failures.log')} as they are found`);
const vitest = spawnSync('npx', ['vitest', 'run', 'test/fuzz/fuzz.test.ts', '--reporter=dot'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
let summary;
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  console.error(`fuzz: the campaign did not start (vitest exit ${vitest.status})`);
  process.exit(1);
}
if (vitest.status !== 0 && summary.failures.length === 0) {
  console.error(`fuzz: vitest exit ${vitest.status} (timeout?): the summary below is of the cases done before it stopped`);
}
console.log(
  `fuzz: seed ${summary.seed}: ${summary.cases} cases: ${summary.valid} valid (exit 0), ${summary.invalid} invalid (exit 2), ` +
    `${summary.failures.length} failures; runs: ${summary.runsWithReport} with a report, ${summary.runsRefused} refused with no report`,
);
for (const failure of summary.failures) {
  console.log(`  case ${failure.index}: ${failure.reason}`);
  const args = JSON.stringify(failure.args);
  const shown = args.length > 200 ? `${args.slice(0, 197)}...` : args;
  console.log(`    file: ${failure.file}${failure.args.length > 0 ? `, args: ${shown}` : ''}`);
  console.log(`    reproduce: ${failure.reproduce}`);
}
process.exit(summary.failures.length === 0 ? 0 : 1);
