import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';

type Logger = NonNullable<Vega.ViewOptions['logger']>;

interface Renderer {
  vega: typeof Vega;
  compile: typeof import('vega-lite').compile;
}

let renderer: Promise<Renderer> | undefined;

/**
 * vega and vega-lite, loaded at the first chart: together they are about half of the CLI's start-up, which a
 * `validate`, a `--version` or a study's worker thread never needs.
 */
function loadRenderer(): Promise<Renderer> {
  renderer ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, compile: vegaLite.compile }));
  return renderer;
}

/**
 * Starts loading vega and vega-lite now, for a command whose threads simulate while this one waits: loaded then,
 * on a core the threads share, rather than after them while a core idles. The report's first chart takes it.
 */
export function preloadRenderer(): void {
  loadRenderer().catch(() => {
    // A failed load fails the first chart, where it is reported; nothing is lost by not reporting it twice.
  });
}

interface CollectingLogger extends Logger {
  /** What was warned about, e.g. a log scale over zero values. */
  readonly warnings: string[];
}

/**
 * Keeps vega and vega-lite quiet: their default loggers print to the console, and the CLI owns the terminal. Errors
 * are thrown so a broken chart fails the report instead of drawing an empty box. A closure rather than a class:
 * vega calls the logger's methods with a different `this`.
 */
function collectingLogger(vega: typeof Vega): CollectingLogger {
  const warnings: string[] = [];
  let currentLevel = vega.Warn;
  const logger: CollectingLogger = {
    warnings,
    level: (level?: number) => {
      if (level === undefined) return currentLevel;
      currentLevel = level;
      return logger;
    },
    error: (...args: unknown[]) => {
      const cause = args.find((a) => a instanceof Error);
      throw new Error(`chart: ${args.map(String).join(' ')}`, { cause });
    },
    warn: (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

export interface CompiledChart {
  vega: Vega.Spec;
  /** What vega-lite warned about while compiling (e.g. a log scale over zero values). */
  warnings: string[];
}

export async function compileChart(spec: TopLevelSpec): Promise<CompiledChart> {
  return compileWith(await loadRenderer(), spec);
}

function compileWith({ vega, compile }: Renderer, spec: TopLevelSpec): CompiledChart {
  const logger = collectingLogger(vega);
  const compiled = compile(spec, { logger });
  return { vega: compiled.spec, warnings: logger.warnings };
}

/**
 * Renders a Vega-Lite spec to an SVG string, offline: no DOM, no canvas and no loader use (every chart's data is
 * inline). Without the optional `canvas` package (the project does not depend on it) vega estimates text widths
 * itself, so the output does not depend on the fonts installed.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const loaded = await loadRenderer();
  const { vega } = loaded;
  const logger = collectingLogger(vega);
  const view = new vega.View(vega.parse(compileWith(loaded, spec).vega), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    // Releases the dataflow's timers and listeners; many reports are written by one process during a sweep.
    view.finalize();
  }
}
