import { resolve } from 'node:path';
import type { Comparison } from '../../experiment/compare.js';
import { fileWriter, writeDirAtomically, type AtomicWriteOptions } from '../atomic-dir.js';
import { writeChartFiles } from '../chart-files.js';
import { reportFolderName } from '../report-folder-name.js';
import { buildComparisonCharts } from './comparison-charts.js';
import { buildComparisonCsv, buildSweepCsv } from './comparison-csv.js';
import { buildComparisonHtml } from './comparison-html.js';
import { buildComparisonJson } from './comparison-json.js';
import { buildComparisonMarkdown } from './comparison-markdown.js';

/** `web-tier-compare`: the folder of a comparison, next to the scenario's own report folder. */
export function comparisonFolderName(scenario: string): string {
  return `${reportFolderName(scenario)}-compare`;
}

/**
 * Writes a comparison into `<outDir>/<scenario>-compare/` and returns that path: comparison.json, .md, .csv (and
 * sweep.csv with a sweep), each
 * chart as .vl.json and .svg, and comparison.html. The folder appears complete or not at all, replacing an older one
 * (see writeDirAtomically, which also explains `options`).
 */
export async function writeComparison(
  comparison: Comparison,
  outDir: string,
  options: AtomicWriteOptions = {},
): Promise<string> {
  const target = resolve(outDir, comparisonFolderName(comparison.scenario));
  await writeDirAtomically(target, async (dir, checkpoint) => {
    const write = fileWriter(dir, checkpoint);
    await write('comparison.json', buildComparisonJson(comparison));
    await write('comparison.md', buildComparisonMarkdown(comparison));
    await write('comparison.csv', buildComparisonCsv(comparison));
    if (comparison.sweeps.length > 0) await write('sweep.csv', buildSweepCsv(comparison));
    const rendered = await writeChartFiles(buildComparisonCharts(comparison), write, 'comparison');
    await write('comparison.html', buildComparisonHtml(comparison, rendered));
  }, options);
  return target;
}
