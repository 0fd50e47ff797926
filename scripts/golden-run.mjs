// Runs every example scenario in scenarios/ with the golden settings and writes the reports into the folder given
// as the first argument. The golden test (test/e2e/golden.test.ts) compares them with test/fixtures/golden/;
// `npm run golden:update` copies them there, for a commit that moves a figure on purpose and says why.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The same settings every time: two replications on one thread, each scenario's own seed and window. */
export const goldenArguments = ['--replications', '2', '--workers', '1', '--quiet'];

/** The files pinned per report: every figure a pipeline reads, none of the rendering. */
export const pinnedFile = (name) => name === 'summary.json' || name === 'summary.md' || name.endsWith('.csv');

export function runGolden(out) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin/clustersim.js'), 'run', join(root, 'scenarios'), '--out', out, ...goldenArguments],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`golden run failed (${result.status}): ${result.stderr}`);
  return readdirSync(out).filter((name) => !name.startsWith('.'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = join(root, 'test/fixtures/golden');
  const out = join(root, '.golden-tmp');
  rmSync(out, { recursive: true, force: true });
  for (const scenario of runGolden(out)) {
    rmSync(join(target, scenario), { recursive: true, force: true });
    mkdirSync(join(target, scenario), { recursive: true });
    for (const file of readdirSync(join(out, scenario)).filter(pinnedFile)) {
      cpSync(join(out, scenario, file), join(target, scenario, file));
    }
    console.log(`golden: ${scenario}`);
  }
  rmSync(out, { recursive: true, force: true });
}
