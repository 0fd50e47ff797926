import type { Measurement } from '../metrics/measurement.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { ChartSpec } from '../report/charts/chart-spec.js';
import type { TimeShading } from '../report/charts/time-shading.js';
import type { ComparedSummary, RecoveryPoint } from './recovery-point.js';

/** What a section sees of one replication: its own plain data, and the common figures it may relate them to. */
export interface ReplicationView {
  index: number;
  measuredTime: number;
  measurement: Measurement;
  /** Every section's plain data of this replication, by section id (a topology's `sectionData`). */
  sections: Readonly<Record<string, unknown>>;
}

/** Folds the replications of one scenario, in replication order, into the section's figures. */
export interface SectionAccumulator<Result = unknown> {
  add(replication: ReplicationView): void;
  /** Its keys of summary.json, in the order they appear there (after the common figures). */
  summary(): Record<string, unknown>;
  /** Plain data for its renderers (rows of its tables, points of its charts). */
  result(): Result;
}

/**
 * The accumulator of section `id`, shown only the replications that carry the section, and saying nothing (no keys
 * of summary.json, `absent` as its result) when none did: a run whose topology does not produce the section.
 */
export function whenPresent<Result>(
  id: string,
  accumulator: SectionAccumulator<Result>,
  absent: Result,
): SectionAccumulator<Result> {
  let present = false;
  return {
    add(replication) {
      if (replication.sections[id] === undefined) return;
      present = true;
      accumulator.add(replication);
    },
    summary: () => (present ? accumulator.summary() : {}),
    result: () => (present ? accumulator.result() : absent),
  };
}

/** One file of the report folder that a section writes (a CSV table). */
export interface SectionFile {
  name: string;
  text: string;
}

/**
 * A report section: plain data that a topology (or a feature) produces per replication under `id`, folded across
 * replications by its accumulator into summary.json keys and rows, and rendered by its own functions into files,
 * summary.md lines, a report.html section and charts. Writers loop over the sections present; the fingerprint
 * hashes every section's data. Renderers get back what `result()` made and the whole summary.json object (typed by
 * the section itself, `Summary`, so that this file stays below the experiment layer).
 */
export interface SectionDefinition<Result = unknown, Summary = unknown> {
  readonly id: string;
  accumulate(spec: ScenarioSpec): SectionAccumulator<Result>;
  /** What of one replication's data enters the fingerprint; JSON.stringify(data) by default. */
  fingerprint?(data: unknown): string;
  files?(result: Result, summary: Summary): SectionFile[];
  /** summary.md lines, placed after the per-class table. */
  markdown?(result: Result, summary: Summary): string[];
  /** A report.html `<section>`, placed after the per-class table. */
  html?(result: Result, summary: Summary): string;
  /** Charts, after the common ones; a chart with a time axis shades `context.shading` as the common ones do. */
  charts?(result: Result, summary: Summary, context: SectionChartContext): ChartSpec[];
  /**
   * Charts of a comparison (`clustersim compare`) across its variants, from each variant's summary.json (at the
   * point the comparison charts show); none when no variant has the section's figures.
   */
  comparisonCharts?(variants: readonly ComparedSummary<Summary>[]): ChartSpec[];
  /**
   * A table of a comparison across its variants (one row each), from each variant's summary.json, after the
   * variants' own sections in comparison.md and comparison.html; null when no variant has the section's figures.
   */
  comparisonTable?(variants: readonly ComparedSummary<Summary>[]): SectionComparisonTable | null;
  /**
   * The variant's disaster-recovery tier as a point (RPO, RTO, cost) from its summary.json, for the comparison across
   * tiers whatever the topology; null when this section has no such figures.
   */
  recoveryPoint?(summary: Summary): RecoveryPoint | null;
}

/** A section's table across the variants of a comparison: a title, a note, and text cells (numbers formatted). */
export interface SectionComparisonTable {
  title: string;
  note: string;
  columns: string[];
  rows: string[][];
}

/** What of the whole run a section's charts may draw beside their own data. */
export interface SectionChartContext {
  /** Incidents and outages, in seconds after the warm-up (the time base of every time series). */
  shading: TimeShading;
}

/** Any section, whatever its types: what registries hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySectionDefinition = SectionDefinition<any, any>;
