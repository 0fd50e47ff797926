/** The sections report.html and comparison.html draw the same way: their charts, and their warnings. */
import type { ChartSpec } from './charts/index.js';
import { escapeHtml } from './html-escape.js';

/** A chart and its SVG as renderSvg drew it: trusted markup (vega escapes the text it draws). */
export interface ChartWithSvg {
  chart: ChartSpec;
  svg: string;
}

export function chartsSection(charts: readonly ChartWithSvg[]): string {
  const figures = charts.map(
    ({ chart, svg }) =>
      `<figure class="chart" id="chart-${escapeHtml(chart.name)}" data-chart="${escapeHtml(chart.name)}">\n${svg}\n` +
      `<figcaption>${escapeHtml(chart.caption)}</figcaption>\n</figure>`,
  );
  return `<section id="charts">\n<h2>Charts</h2>\n${figures.join('\n')}\n</section>`;
}

export function warningsSection(warnings: readonly string[]): string {
  const body =
    warnings.length === 0
      ? '<p>None.</p>'
      : `<ul class="warnings">\n${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n')}\n</ul>`;
  return `<section id="warnings">\n<h2>Warnings</h2>\n${body}\n</section>`;
}
