import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './charts/index.js';
import type { ChartWithSvg } from './html-common-sections.js';
import { renderSvg } from './render-svg.js';

/** The JSON of a chart's .vl.json file. */
export function chartJson(spec: TopLevelSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * Writes each chart as `<name>.vl.json` and `<name>.svg` through `write`, in order, and gives back the SVGs for the
 * HTML page. A chart vega cannot draw is named in the error (`<what>: cannot render chart '<name>'`): vega-lite's own
 * messages rarely say which spec they are about.
 */
export async function writeChartFiles(
  charts: readonly ChartSpec[],
  write: (file: string, text: string) => Promise<void>,
  what: string,
): Promise<ChartWithSvg[]> {
  const rendered: ChartWithSvg[] = [];
  for (const chart of charts) {
    await write(`${chart.name}.vl.json`, chartJson(chart.spec));
    let svg: string;
    try {
      svg = await renderSvg(chart.spec);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${what}: cannot render chart '${chart.name}': ${reason}`, { cause: error });
    }
    await write(`${chart.name}.svg`, `${svg}\n`);
    rendered.push({ chart, svg });
  }
  return rendered;
}
