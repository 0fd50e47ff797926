import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SizingOutcome } from '../../experiment/sizing.js';
import { renderSvg } from '../render-svg.js';
import { buildSizingJson, type SizingPlan } from './sizing-json.js';
import { buildSizingMarkdown } from './sizing-markdown.js';
import { sizingChart } from './sizing-chart.js';

/** `<out>/<scenario>-size/`: where `clustersim size` writes. */
export function sizingFolderName(scenario: string): string {
  return `${scenario}-size`;
}

/** Writes sizing.json, sizing.md, sizing.vl.json and sizing.svg; returns the folder. */
export async function writeSizing(plan: SizingPlan, outcome: SizingOutcome, out: string): Promise<string> {
  const folder = join(out, sizingFolderName(plan.scenario));
  await mkdir(folder, { recursive: true });
  const chart = sizingChart(plan, outcome);
  await writeFile(join(folder, 'sizing.json'), `${JSON.stringify(buildSizingJson(plan, outcome), null, 2)}\n`);
  await writeFile(join(folder, 'sizing.md'), buildSizingMarkdown(plan, outcome));
  await writeFile(join(folder, `${chart.name}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
  await writeFile(join(folder, `${chart.name}.svg`), await renderSvg(chart.spec));
  return folder;
}
