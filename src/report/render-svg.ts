import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

type Logger = NonNullable<vega.ViewOptions['logger']>;

/**
 * Keeps vega and vega-lite quiet: their default loggers print to the console, and the CLI owns the terminal. Errors
 * are thrown so a broken chart fails the report instead of drawing an empty box.
 */
class CollectingLogger implements Logger {
  readonly warnings: string[] = [];
  private currentLevel = vega.Warn;

  level(): number;
  level(level: number): this;
  level(level?: number): number | this {
    if (level === undefined) return this.currentLevel;
    this.currentLevel = level;
    return this;
  }

  error(...args: unknown[]): this {
    throw new Error(`chart: ${args.map(String).join(' ')}`);
  }

  warn(...args: unknown[]): this {
    this.warnings.push(args.map(String).join(' '));
    return this;
  }

  info(): this {
    return this;
  }

  debug(): this {
    return this;
  }
}

export interface CompiledChart {
  vega: vega.Spec;
  /** What vega-lite warned about while compiling (e.g. a log scale over zero values). */
  warnings: string[];
}

export function compileChart(spec: TopLevelSpec): CompiledChart {
  const logger = new CollectingLogger();
  const compiled = compile(spec, { logger });
  return { vega: compiled.spec, warnings: logger.warnings };
}

/**
 * Renders a Vega-Lite spec to an SVG string, offline: no DOM, no canvas and no loader use (every chart's data is
 * inline). Without the optional `canvas` package (the project does not depend on it) vega estimates text widths
 * itself, so the output does not depend on the fonts installed.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const logger = new CollectingLogger();
  const view = new vega.View(vega.parse(compileChart(spec).vega), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    // Releases the dataflow's timers and listeners; many reports are written by one process during a sweep.
    view.finalize();
  }
}
