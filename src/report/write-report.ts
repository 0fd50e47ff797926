import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { ScenarioResult } from '../experiment/result.js';
import { writeDirAtomically, type AtomicWriteOptions } from './atomic-dir.js';
import { buildCharts, type ChartSpec } from './charts/index.js';
import { toCsv } from './csv.js';
import {
  histogramColumns,
  incidentColumns,
  nodeColumns,
  timeseriesColumns,
} from './csv-tables.js';
import { buildHtml, type RenderedChart } from './html.js';
import { renderSvg } from './render-svg.js';
import { sectionsOf } from './sections.js';
import { reportFolderName } from './report-folder-name.js';
import { buildSummaryMarkdown } from './summary-markdown.js';

/** summary.json: the Summary contract as is. Key order comes from the producer, so equal input gives equal bytes. */
export function buildSummaryJson(result: ScenarioResult): string {
  return `${JSON.stringify(result.summary, null, 2)}\n`;
}

/** The JSON of a chart's .vl.json file. */
export function chartJson(spec: TopLevelSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Names the chart in the error: vega-lite's own messages rarely say which spec they are about. */
async function renderChart(chart: ChartSpec): Promise<string> {
  try {
    return await renderSvg(chart.spec);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`report: cannot render chart '${chart.name}': ${reason}`, { cause: error });
  }
}

/**
 * Writes the report of one scenario into `<outDir>/<scenario name>/` and returns that path. The folder appears
 * complete or not at all, and an older report of the same name stays in place until the new one replaces it (see
 * writeDirAtomically, which also explains `options`).
 */
export async function writeReport(result: ScenarioResult, outDir: string, options: AtomicWriteOptions = {}): Promise<string> {
  const target = resolve(outDir, reportFolderName(result.summary.scenario));
  await writeDirAtomically(target, async (dir, checkpoint) => {
    const write = async (file: string, text: string) => {
      await writeFile(join(dir, file), text, 'utf8');
      await checkpoint();
    };
    await write('summary.json', buildSummaryJson(result));
    await write('summary.md', buildSummaryMarkdown(result));
    await write('timeseries.csv', toCsv(result.timeseries, timeseriesColumns));
    await write('nodes.csv', toCsv(result.nodes, nodeColumns));
    await write('latency-histogram.csv', toCsv(result.histogram, histogramColumns));
    // Always written, header only without failures, so a pipeline can read it from every report.
    await write('incidents.csv', toCsv(result.incidents, incidentColumns));
    // The sections' own files (a single-leader run's elections.csv): other reports keep exactly their files.
    for (const { definition, result: data } of sectionsOf(result)) {
      for (const file of definition.files?.(data, result.summary) ?? []) await write(file.name, file.text);
    }

    const rendered: RenderedChart[] = [];
    for (const chart of buildCharts(result)) {
      await write(`${chart.name}.vl.json`, chartJson(chart.spec));
      const svg = await renderChart(chart);
      await write(`${chart.name}.svg`, `${svg}\n`);
      rendered.push({ chart, svg });
    }
    await write('report.html', buildHtml(result, rendered));
  }, options);
  return target;
}
