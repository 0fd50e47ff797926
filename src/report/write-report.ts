import { resolve } from 'node:path';
import type { ScenarioResult } from '../experiment/result.js';
import { chunkedFileWriter, fileWriter, writeDirAtomically, type AtomicWriteOptions } from './atomic-dir.js';
import { buildCharts } from './charts/index.js';
import { writeChartFiles } from './chart-files.js';
import { csvChunks, toCsv } from './csv.js';
import {
  histogramColumns,
  incidentColumns,
  nodeColumns,
  timeseriesColumns,
} from './csv-tables.js';
import { buildHtml } from './html.js';
import { sectionsOf } from './sections.js';
import { reportFolderName } from './report-folder-name.js';
import { buildSummaryMarkdown } from './summary-markdown.js';

/** summary.json: the Summary contract as is. Key order comes from the producer, so equal input gives equal bytes. */
export function buildSummaryJson(result: ScenarioResult): string {
  return `${JSON.stringify(result.summary, null, 2)}\n`;
}

/**
 * Writes the report of one scenario into `<outDir>/<scenario name>/` and returns that path. The folder appears
 * complete or not at all, and an older report of the same name stays in place until the new one replaces it (see
 * writeDirAtomically, which also explains `options`).
 */
export async function writeReport(result: ScenarioResult, outDir: string, options: AtomicWriteOptions = {}): Promise<string> {
  const target = resolve(outDir, reportFolderName(result.summary.scenario));
  await writeDirAtomically(target, async (dir, checkpoint) => {
    const write = fileWriter(dir, checkpoint);
    const writeChunks = chunkedFileWriter(dir, checkpoint);
    await write('summary.json', buildSummaryJson(result));
    await write('summary.md', buildSummaryMarkdown(result));
    await write('timeseries.csv', toCsv(result.timeseries, timeseriesColumns));
    await writeChunks('nodes.csv', csvChunks(result.nodes, nodeColumns));
    await write('latency-histogram.csv', toCsv(result.histogram, histogramColumns));
    // Always written, header only without failures, so a pipeline can read it from every report.
    await write('incidents.csv', toCsv(result.incidents, incidentColumns));
    // The sections' own files (a single-leader run's elections.csv): other reports keep exactly their files.
    for (const { definition, result: data } of sectionsOf(result)) {
      for (const file of definition.files?.(data, result.summary) ?? []) await write(file.name, file.text);
    }

    const rendered = await writeChartFiles(buildCharts(result), write, 'report');
    await write('report.html', buildHtml(result, rendered));
  }, options);
  return target;
}
