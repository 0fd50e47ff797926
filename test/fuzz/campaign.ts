import fc from 'fast-check';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCase } from './check-case.js';
import { fuzzCaseArbitrary, mutate, type FuzzCase } from './mutate.js';

export interface CampaignOptions {
  /** fast-check's seed: the same seed gives the same cases, in the same order. */
  seed: number;
  cases: number;
  /** At most this many valid cases are also run (each takes about a second). */
  maxRuns: number;
  /** Only this case (by index), to reproduce a failure. */
  only?: number;
  /** Where case files and report folders go; failing cases are kept here, and `failures.log` lists them at once. */
  workDir: string;
  /** Rewritten every 100 cases and at the end, so that an interrupted campaign still tells what it found. */
  summaryFile?: string;
  scenariosDir?: string;
}

export interface CaseFailure {
  index: number;
  reason: string;
  /** The mutated file, kept for a look; `reproduce` runs the same case again. */
  file: string;
  args: string[];
  reproduce: string;
}

export interface CampaignSummary {
  seed: number;
  cases: number;
  valid: number;
  invalid: number;
  runsWithReport: number;
  runsRefused: number;
  failures: CaseFailure[];
}

/** The cases of a seed: case i is the same whatever the number of cases asked for. */
export function campaignCases(seed: number, count: number, scenarios: readonly string[]): FuzzCase[] {
  return fc.sample(fuzzCaseArbitrary(scenarios), { seed, numRuns: count });
}

/** Runs the cases one after another, in-process, and counts their outcomes. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignSummary> {
  const scenariosDir = options.scenariosDir ?? 'scenarios';
  const scenarios = readdirSync(scenariosDir).filter((name) => name.endsWith('.yaml')).sort();
  const texts = new Map(scenarios.map((name) => [name, readFileSync(join(scenariosDir, name), 'utf8')]));
  const count = options.only === undefined ? options.cases : options.only + 1;
  const cases = campaignCases(options.seed, count, scenarios);
  const summary: CampaignSummary = {
    seed: options.seed,
    cases: 0,
    valid: 0,
    invalid: 0,
    runsWithReport: 0,
    runsRefused: 0,
    failures: [],
  };
  mkdirSync(options.workDir, { recursive: true });
  // The files the examples name beside them (trace-replay.yaml's traces/), so that a mutated case finds them too.
  const traces = join(scenariosDir, 'traces');
  if (existsSync(traces)) cpSync(traces, join(options.workDir, 'traces'), { recursive: true });
  let runs = 0;
  for (let index = options.only ?? 0; index < cases.length; index++) {
    const fuzzCase = cases[index];
    const text = mutate(texts.get(fuzzCase.scenario)!, fuzzCase.steps);
    // JSON when the mutation made JSON, so that the .json path of the loader is fuzzed too
    const extension = text.trimStart().startsWith('{') ? 'json' : 'yaml';
    const file = join(options.workDir, `case-${index}.${extension}`);
    writeFileSync(file, text);
    const outDir = join(options.workDir, `out-${index}`);
    const runIt = fuzzCase.run && runs < options.maxRuns;
    const verdict = await checkCase(file, fuzzCase.args, runIt, outDir);
    summary.cases++;
    if (verdict.valid) summary.valid++;
    else summary.invalid++;
    if (verdict.ran === 'report') summary.runsWithReport++;
    if (verdict.ran === 'refused') summary.runsRefused++;
    if (verdict.ran !== undefined && verdict.valid) runs++;
    rmSync(outDir, { recursive: true, force: true });
    if (verdict.failure === undefined) {
      rmSync(file, { force: true });
      continue;
    }
    const failure = {
      index,
      reason: verdict.failure,
      file,
      args: fuzzCase.args,
      reproduce: `npm run fuzz -- --seed ${options.seed} --case ${index}`,
    };
    summary.failures.push(failure);
    appendFileSync(join(options.workDir, 'failures.log'), failureText(failure));
    if (options.summaryFile !== undefined && summary.cases % 100 === 0) writeSummary(options.summaryFile, summary);
  }
  if (options.summaryFile !== undefined) writeSummary(options.summaryFile, summary);
  return summary;
}

function writeSummary(file: string, summary: CampaignSummary): void {
  writeFileSync(file, JSON.stringify(summary, null, 2));
}

export function summaryText(summary: CampaignSummary): string {
  const lines = [
    `fuzz: seed ${summary.seed}: ${summary.cases} cases: ${summary.valid} valid (exit 0), ${summary.invalid} invalid ` +
      `(exit 2), ${summary.failures.length} failures; runs: ${summary.runsWithReport} with a report, ` +
      `${summary.runsRefused} refused with no report`,
  ];
  return `${lines.join('\n')}\n${summary.failures.map(failureText).join('')}`;
}

function failureText(failure: CaseFailure): string {
  const args = JSON.stringify(failure.args);
  const shown = args.length > 200 ? `${args.slice(0, 197)}...` : args;
  return (
    `  case ${failure.index}: ${failure.reason}\n` +
    `    file: ${failure.file}${failure.args.length > 0 ? `, args: ${shown}` : ''}\n` +
    `    reproduce: ${failure.reproduce}\n`
  );
}
