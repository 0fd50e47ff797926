import type { ComparedVariant, ComparisonPoint } from '../../experiment/compare.js';
import { allSectionDefinitions, anySectionDefinition } from '../../experiment/feature-sections.js';
import type { SectionComparisonTable } from '../../topology/section.js';
import { escapeHtml } from '../html-escape.js';
import { comparedSummaries } from './compared-summaries.js';
import { capitalized, htmlTable } from '../html-table.js';
import { markdownTable } from '../markdown-table.js';
import { escapeMarkdown } from '../markdown-escape.js';

/**
 * Each variant's own report sections (a leaderless store's "Replicas and consistency", a single-leader store's
 * elections...), rendered by the sections themselves as `clustersim run` does, under the variant's name: compared
 * topologies differ in more than the common figures. A section's headings move one level down.
 */
function rendered(variant: ComparedVariant): { markdown: string[]; html: string }[] {
  return Object.entries(variant.sections).map(([id, data]) => {
    const definition = anySectionDefinition(id);
    if (definition === undefined) throw new Error(`comparison: no section '${id}' is registered`);
    return { markdown: definition.markdown?.(data, variant.summary) ?? [], html: definition.html?.(data, variant.summary) ?? '' };
  });
}

/** Markdown lines of every variant's own sections at `point`, headings at `level` (`##` or `###`); none: []. */
export function variantSectionsMarkdown(point: ComparisonPoint, level: string): string[] {
  const lines: string[] = [];
  for (const variant of point.variants) {
    for (const section of rendered(variant)) {
      for (const line of section.markdown) {
        lines.push(line.startsWith('## ') ? `${level} ${escapeMarkdown(variant.name)}: ${line.slice(3)}` : line);
      }
    }
  }
  return lines;
}

/** The same as report.html parts: each section's `<h2>` becomes an `<h3>` naming the variant. */
export function variantSectionsHtml(point: ComparisonPoint): string {
  return point.variants
    .flatMap((variant) =>
      rendered(variant).map((section) =>
        section.html.replace(/<h2>(.*?)<\/h2>/g, (_, title: string) => `<h3>${escapeHtml(variant.name)}: ${title}</h3>`),
      ),
    )
    .join('\n');
}

/** The sections' tables across the variants at `point` (e.g. Disaster recovery's RPO and RTO against cost). */
function comparisonTables(point: ComparisonPoint): SectionComparisonTable[] {
  const variants = comparedSummaries(point);
  return allSectionDefinitions().flatMap((section) => section.comparisonTable?.(variants) ?? []);
}

/** Markdown lines of the sections' comparison tables at `point`, headings at `level`; none: []. */
export function sectionComparisonMarkdown(point: ComparisonPoint, level: string): string[] {
  return comparisonTables(point).flatMap((table) => [
    '',
    `${level} ${escapeMarkdown(table.title)}`,
    '',
    escapeMarkdown(table.note),
    '',
    ...markdownTable(table.columns, table.rows, table.columns.map((_, i) => i > 1)),
  ]);
}

/** The same as report.html parts. */
export function sectionComparisonHtml(point: ComparisonPoint): string {
  return comparisonTables(point)
    .map((table) => {
      const columns = table.columns.map((header, i) => ({ header: capitalized(header), numeric: i > 1 }));
      return `<h3>${escapeHtml(table.title)}</h3>\n<p class="note">${escapeHtml(table.note)}</p>\n${htmlTable('section-comparison', columns, table.rows)}\n`;
    })
    .join('');
}
