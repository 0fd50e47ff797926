import fc from 'fast-check';
import { parse } from 'yaml';

/**
 * Mutated scenario files, as a user (or an attacker) might write them: an example scenario with a few edits. Every
 * choice is drawn by fast-check, so a case is a plain value that a seed reproduces; `mutate` applies it to the
 * text without any randomness of its own.
 */

/** One edit. `at` picks a line (or an occurrence) modulo how many there are, so any number is a valid choice. */
export type Step =
  | { kind: 'drop-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'misspell-key'; at: number; how: number }
  | { kind: 'replace-value'; at: number; occurrence: number; value: string }
  | { kind: 'insert-line'; at: number; line: string }
  | { kind: 'indent'; at: number; prefix: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'document'; oddity: DocumentOddity };

export type DocumentOddity =
  | 'bom'
  | 'crlf'
  | 'tabs'
  | 'second-document'
  | 'empty'
  | 'comments-only'
  | 'flow-json'
  | 'deep-nesting'
  | 'billion-laughs'
  | 'no-final-newline'
  | 'nul-bytes'
  | 'directive';

export interface FuzzCase {
  /** An example scenario's file name under scenarios/. */
  scenario: string;
  steps: Step[];
  /** Extra command-line arguments: `--set`, `--seed`, `--replications`. */
  args: string[];
  /** Whether to also `run` it (with a tiny window) when it validates. */
  run: boolean;
}

/** Values that a user might write where another was meant: other types, extremes, units, YAML oddities. */
export const ODD_VALUES: readonly string[] = [
  // other types
  'abc', 'true', 'false', 'null', '~', '""', "''", '[]', '{}', '[1, 2]', '{ a: 1 }', '[[[]]]', '- x',
  // extreme numbers
  '0', '-1', '1e308', '-1e308', '1e400', '-1e400', '.nan', '.inf', '-.inf', 'NaN', 'Infinity', '9007199254740993',
  '123456789012345678901234567890', '0.0000001', '-0', '5e-324', '0x1F', '0o17', '1_000', '+5', '.5', '5.', '1e3',
  // units, right and wrong
  '1e308s', '0s', '-1ms', '99999999999d', '1e-300ms', '1 hour', '1hr', '1e3ms', '100%', '1000%', '-5%', '0%',
  '0/s', '1e9/s', '1e308/s', '-3/s', '1KB', '4KiB', '-1GB', '1e30TB', '1Gbps', '0bps', '1Gb', 'unbounded', 'none',
  // names and words the scenario uses
  'random', 'least-connections', 'poisson', 'exponential', 'crash', 'single-leader', 'leaderless', 'quorum',
  '../../etc', 'a/b', '.', '..', 'web tier', 'ünïcödé',
  // distributions, good and bad
  '{ dist: exponential, mean: 0s }', '{ dist: exponential }', '{ dist: pareto, shape: 1, scale: 1ms }',
  '{ dist: empirical, samples: [] }', '{ dist: lognormal, mean: 1ms, scv: 1e308 }', '{ dist: uniform, min: 1s, max: 1ms }',
  '{ dist: hyperexponential, mean: 1s, scv: 1e300 }', '{ dist: constant, value: -1s }', '{ dist: weibull, shape: 0, scale: 1s }',
  '{ process: poisson, rate: 0/s }', '{ process: onoff }', '{ name: power-of-d, d: 0 }', '{ module: ./x.mjs }',
  // control characters, long strings
  '"\\u001b[2J\\u0007"', '"a\\tb\\nc\\r"', '"\\u0000"', '"\\u202e\\u2066x"', 'x'.repeat(300), 'y'.repeat(12_000),
  // YAML oddities
  '*nope', '&a 1', '&a [*a]', '!!binary aGVsbG8=', '!!js/function "f() {}"', '!foo bar', '!!str 12', '!!int x',
  '!!set { a }', '!!omap [ a: 1 ]', '!!timestamp 2001-12-14', '!!float abc', '!!map x', '? x', '|', '>-', '@x',
  '`x', '%x', '"unterminated', "'unterminated", '{ a: 1', '[1, 2', '{ ? [a]: 1 }', '{ <<: 1 }', '{ a: 1, a: 2 }',
  '*', '& x', '!', '!<tag:x> y', '#', ':', '::', '- - -', '{ : }',
];

/** Lines to insert: complex keys, null keys, aliases, merges, directives, stray syntax. */
export const ODD_LINES: readonly string[] = [
  '? [a, b]', ': 1', '~: 1', '? ', 'null: 1', '1: x', 'true: y', '<<: { a: 1 }', '<<: *nope', '<<: 1',
  'x: &a { b: 1 }', 'y: *a', 'z: &z [*z]', '*a : 1', '---', '...', '%YAML 1.1', '%TAG ! tag:x,2000:', '- x',
  '  - group: extra', '    count: 1000000', 'description: !!binary aGVsbG8=', 'seed: !!js/function "f"',
  'name: "\\u001b[2J"', `name: ${'n'.repeat(244)}`, `description: ${'d'.repeat(20_000)}`, 'unknownKey: 1',
  `k${'e'.repeat(1100)}y: 1`, '\t', '\u001b[31m: 1', 'a: b: c', '"', "'", '[', '{', ']', '}', '&', '!', '|', '>',
  'nodes:', 'workload:', 'nodes: []', 'workload: {}', 'duration: 0s', 'requests: 1', 'replications: 1e9',
  'maxEvents: 0', `deep: ${'['.repeat(70)}${']'.repeat(70)}`, `deeper: ${'{a: '.repeat(800)}x${'}'.repeat(800)}`,
];

const documentOddities: DocumentOddity[] = [
  'bom', 'crlf', 'tabs', 'second-document', 'empty', 'comments-only', 'flow-json', 'deep-nesting', 'billion-laughs',
  'no-final-newline', 'nul-bytes', 'directive',
];

const position = fc.nat({ max: 10_000 });

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('drop-line' as const), at: position }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), at: position }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('misspell-key' as const), at: position, how: fc.nat({ max: 99 }) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('replace-value' as const),
      at: position,
      occurrence: fc.nat({ max: 9 }),
      value: fc.oneof(
        { arbitrary: fc.constantFrom(...ODD_VALUES), weight: 4 },
        { arbitrary: fc.string({ maxLength: 12, unit: 'binary' }), weight: 1 },
        { arbitrary: fc.double().map(String), weight: 1 },
        { arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String), weight: 1 },
      ),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('insert-line' as const),
      at: position,
      line: fc.oneof({ arbitrary: fc.constantFrom(...ODD_LINES), weight: 4 }, { arbitrary: fc.string({ maxLength: 20 }), weight: 1 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('indent' as const), at: position, prefix: fc.constantFrom(' ', '\t', '   ', '-', '- ') }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('document' as const), oddity: fc.constantFrom(...documentOddities) }), weight: 2 },
);

/**
 * Command-line overrides, sometimes: good ones, bad paths, bad values. Written `--seed=value`, so that a value
 * starting with '-' is the option's value rather than, for yargs, another option (a usage error, not a scenario one).
 */
const overrideArgs: fc.Arbitrary<string[]> = fc.oneof(
  { arbitrary: fc.constant<string[]>([]), weight: 6 },
  { arbitrary: fc.constantFrom(...ODD_VALUES).map((value) => [`--seed=${value}`]), weight: 1 },
  { arbitrary: fc.constantFrom('1', '2', '0', '-1', '1e9', 'x', '1.5').map((value) => [`--replications=${value}`]), weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('duration', 'nodes.0.count', 'nodes.0.cores', 'workload.0.arrivals.rate', 'workload.0.work',
          'balancer.policy', 'description', 'name', 'nodes.9.count', 'nodes..x', 'x.y.z', 'seed.a', 'workload.0.x.0.1'),
        fc.constantFrom(...ODD_VALUES),
      )
      .map(([path, value]) => [`--set=${path}=${value}`]),
    weight: 2,
  },
);

export function fuzzCaseArbitrary(scenarios: readonly string[]): fc.Arbitrary<FuzzCase> {
  return fc.record({
    scenario: fc.constantFrom(...scenarios),
    steps: fc.array(step, { minLength: 1, maxLength: 4 }),
    args: overrideArgs,
    run: fc.boolean(),
  });
}

/** The example's text with the case's edits applied, in order. */
export function mutate(text: string, steps: readonly Step[]): string {
  return steps.reduce(applyStep, text);
}

function applyStep(text: string, step: Step): string {
  if (step.kind === 'document') return applyOddity(text, step.oddity);
  const lines = text.split('\n');
  const at = step.at % lines.length;
  const line = lines[at];
  switch (step.kind) {
    case 'drop-line':
      lines.splice(at, 1);
      break;
    case 'duplicate-line':
      lines.splice(at, 0, line);
      break;
    case 'misspell-key':
      lines[at] = line.replace(/^(\s*(?:-\s+)?)([A-Za-z][\w-]*)(\s*:)/, (_, lead, key, colon) => lead + misspell(key, step.how) + colon);
      break;
    case 'replace-value': {
      const values = [...line.matchAll(/(:\s+)([^,{}[\]\n#]+)/g)];
      if (values.length === 0) break;
      const match = values[step.occurrence % values.length];
      const start = match.index! + match[1].length;
      lines[at] = line.slice(0, start) + step.value + line.slice(start + match[2].trimEnd().length);
      break;
    }
    case 'insert-line':
      lines.splice(at, 0, step.line);
      break;
    case 'indent':
      lines[at] = step.prefix + line;
      break;
    case 'truncate':
      lines[at] = line.slice(0, Math.floor(line.length / 2));
      lines.length = at + 1;
      break;
  }
  return lines.join('\n');
}

/** Slips of the keyboard: a swap, a missing or doubled letter, another case, a plural. */
function misspell(key: string, how: number): string {
  const i = how % key.length;
  switch (how % 6) {
    case 0:
      return i + 1 < key.length ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : `${key}s`;
    case 1:
      return key.length > 1 ? key.slice(0, i) + key.slice(i + 1) : `${key}${key}`;
    case 2:
      return key.slice(0, i) + key[i] + key.slice(i);
    case 3:
      return key.toUpperCase();
    case 4:
      return `${key}s`;
    default:
      return key.replace(/[A-Z]/, (c) => `_${c.toLowerCase()}`) + (key.includes('_') ? '' : 'x');
  }
}

function applyOddity(text: string, oddity: DocumentOddity): string {
  switch (oddity) {
    case 'bom':
      return `\ufeff${text}`;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'tabs':
      return text.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2));
    case 'second-document':
      return `${text}\n---\n${text}`;
    case 'empty':
      return '';
    case 'comments-only':
      return text.replace(/^/gm, '# ');
    case 'flow-json':
      return asJson(text);
    case 'deep-nesting':
      return `${text}\ndescription: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    case 'billion-laughs': {
      const lines = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 9; i++) lines.push(`lol${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
      return `${text}\n${lines.join('\n')}\n`;
    }
    case 'no-final-newline':
      return text.replace(/\n+$/, '');
    case 'nul-bytes':
      return text.replace(/: /, ': \u0000');
    case 'directive':
      return `%YAML 1.1\n---\n${text}`;
  }
}

/** The same scenario written as JSON (when it still parses): JSON files go through the same loader. */
function asJson(text: string): string {
  try {
    return JSON.stringify(parse(text, { logLevel: 'silent' }), null, 2) ?? 'null';
  } catch {
    return `{ "broken": ${JSON.stringify(text.slice(0, 200))}`;
  }
}
