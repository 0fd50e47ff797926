import { didYouMean } from './suggest.js';

/**
 * Quantities with units, as a capacity planner writes them: `150ms`, `4KB`, `9/s`, `1Gbps`, `90%`.
 * Every quantity is parsed here into the plain number the model uses (seconds, bytes, requests per second, bytes per
 * second, fraction); nothing else in the project knows about unit suffixes.
 */
export type QuantityKind = 'duration' | 'size' | 'rate' | 'bandwidth' | 'percentage';

/** What a bare number (no unit) means for a kind. */
type BareNumbers =
  /** Allowed, in the base unit (seconds, per second). */
  | 'base-unit'
  /** Only 0, which needs no unit; any other size or bandwidth must say whether it is bits or bytes, KB or KiB. */
  | 'zero-only'
  | 'never';

interface UnitFamily {
  /** "a duration", for messages. */
  noun: string;
  /** Multipliers to the base unit, by suffix as written. */
  units: Readonly<Record<string, number>>;
  /** The suffixes shown in messages and docs (aliases such as `kB` are accepted but not advertised). */
  advertised: readonly string[];
  bareNumbers: BareNumbers;
  example: string;
  /** How a bare number is read, for messages; empty when bare numbers are not allowed. */
  bareNote: string;
  /** Near-misses that edit distance gets wrong or that deserve a specific answer ('m' is ambiguous). */
  hints?: Readonly<Record<string, string>>;
}

const KILO = 1e3;
const KIBI = 1024;

export const UNIT_FAMILIES: Readonly<Record<QuantityKind, UnitFamily>> = {
  duration: {
    noun: 'a duration',
    units: { us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, min: 60, h: 3600, d: 86400 },
    advertised: ['us', 'ms', 's', 'min', 'h', 'd'],
    bareNumbers: 'base-unit',
    example: '150ms',
    bareNote: 'a bare number is seconds',
    hints: {
      m: 'min',
      sec: 's',
      secs: 's',
      second: 's',
      seconds: 's',
      mins: 'min',
      minute: 'min',
      minutes: 'min',
      hr: 'h',
      hrs: 'h',
      hour: 'h',
      hours: 'h',
      day: 'd',
      days: 'd',
      ns: 'us',
    },
  },
  size: {
    noun: 'a size',
    units: {
      B: 1,
      KB: KILO,
      kB: KILO,
      MB: KILO ** 2,
      GB: KILO ** 3,
      TB: KILO ** 4,
      KiB: KIBI,
      MiB: KIBI ** 2,
      GiB: KIBI ** 3,
      TiB: KIBI ** 4,
    },
    advertised: ['B', 'KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB', 'TiB'],
    bareNumbers: 'zero-only',
    example: '4KB',
    bareNote: '',
    hints: { b: 'B', bytes: 'B', byte: 'B', kb: 'KB', Kb: 'KB', mb: 'MB', Mb: 'MB', gb: 'GB', Gb: 'GB', tb: 'TB' },
  },
  rate: {
    noun: 'a rate',
    units: {
      '/s': 1,
      '/min': 1 / 60,
      '/h': 1 / 3600,
      'req/s': 1,
      'req/min': 1 / 60,
      'req/h': 1 / 3600,
    },
    advertised: ['/s', '/min', '/h'],
    bareNumbers: 'base-unit',
    example: '9/s',
    bareNote: 'a bare number is per second',
    hints: { '/sec': '/s', '/m': '/min', '/hr': '/h', rps: '/s', 'req/sec': 'req/s' },
  },
  bandwidth: {
    noun: 'a bandwidth',
    units: {
      bps: 1 / 8,
      Kbps: KILO / 8,
      kbps: KILO / 8,
      Mbps: KILO ** 2 / 8,
      Gbps: KILO ** 3 / 8,
      Tbps: KILO ** 4 / 8,
      'B/s': 1,
      'KB/s': KILO,
      'kB/s': KILO,
      'MB/s': KILO ** 2,
      'GB/s': KILO ** 3,
      'KiB/s': KIBI,
      'MiB/s': KIBI ** 2,
      'GiB/s': KIBI ** 3,
    },
    advertised: ['bps', 'Kbps', 'Mbps', 'Gbps', 'Tbps', 'B/s', 'KB/s', 'MB/s', 'GB/s', 'KiB/s', 'MiB/s', 'GiB/s'],
    bareNumbers: 'zero-only',
    example: '1Gbps',
    bareNote: '',
    hints: {
      Kb: 'Kbps',
      Mb: 'Mbps',
      Gb: 'Gbps',
      mbps: 'Mbps',
      gbps: 'Gbps',
      'Mb/s': 'Mbps',
      'Gb/s': 'Gbps',
      MBps: 'MB/s',
      GBps: 'GB/s',
      KB: 'KB/s',
      MB: 'MB/s',
      GB: 'GB/s',
    },
  },
  percentage: {
    noun: 'a percentage',
    units: { '%': 0.01 },
    advertised: ['%'],
    bareNumbers: 'never',
    example: '90%',
    bareNote: '',
  },
};

export type QuantityResult =
  | { ok: true; value: number }
  | {
      ok: false;
      /** What is wrong, without the value (the caller shows the value). */
      rule: string;
      suggestion?: string;
    };

/** A decimal number (sign, fraction, exponent allowed) followed by an optional unit, spaces between allowed. */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)$/;

/**
 * Parses `raw` as a quantity of `kind` into its base unit. Signs are accepted here so that `-9/s` earns "must be
 * > 0" from the field's range check rather than a puzzling "not a rate"; ranges are the caller's business.
 */
export function parseQuantity(raw: unknown, kind: QuantityKind): QuantityResult {
  const family = UNIT_FAMILIES[kind];
  if (typeof raw === 'number') return bareNumber(raw, family);
  if (typeof raw !== 'string') return { ok: false, rule: `must be ${family.noun}` };
  const match = QUANTITY.exec(raw.trim());
  if (match === null) return { ok: false, rule: `not ${family.noun}: expected a number followed by a unit` };
  const amount = Number(match[1]);
  const unit = match[2];
  if (unit === '') return bareNumber(amount, family);
  const multiplier = family.units[unit];
  if (multiplier !== undefined) return finite(amount * multiplier, family);
  const hint = family.hints?.[unit];
  const otherKind = kindOfUnit(unit);
  if (otherKind !== undefined) {
    // 'GB' where a bandwidth belongs is a unit of the wrong kind, but the fix is clear: 'GB/s'.
    const rule = `'${unit}' is a unit of ${bareNoun(UNIT_FAMILIES[otherKind])}, not of ${bareNoun(family)}`;
    return { ok: false, rule, suggestion: hint === undefined ? undefined : `${match[1]}${hint}` };
  }
  const suggestion = hint ?? didYouMean(unit, Object.keys(family.units));
  const rule = `unknown unit '${unit}'`;
  return { ok: false, rule, suggestion: suggestion === undefined ? undefined : `${match[1]}${suggestion}` };
}

function bareNumber(amount: number, family: UnitFamily): QuantityResult {
  if (family.bareNumbers === 'base-unit' || (family.bareNumbers === 'zero-only' && amount === 0)) {
    return finite(amount, family);
  }
  const unitNeeded = family.bareNumbers === 'zero-only' ? ' (only 0 may omit it)' : '';
  return { ok: false, rule: `missing unit${unitNeeded}` };
}

function finite(value: number, family: UnitFamily): QuantityResult {
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, rule: `not a finite ${bareNoun(family)}` };
}

/** "duration" from "a duration". */
function bareNoun(family: UnitFamily): string {
  return family.noun.replace(/^an? /, '');
}

/** The family a unit suffix belongs to, for "wrong unit" messages ('KB' where a duration is expected). */
export function kindOfUnit(unit: string): QuantityKind | undefined {
  for (const kind of Object.keys(UNIT_FAMILIES) as QuantityKind[]) {
    if (UNIT_FAMILIES[kind].units[unit] !== undefined) return kind;
  }
  return undefined;
}

/**
 * "a duration: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)"; `qualifier` narrows the
 * noun: describeQuantity('rate', '> 0') -> "a rate > 0: a number with /s, /min or /h (...)".
 */
export function describeQuantity(kind: QuantityKind, qualifier = ''): string {
  const family = UNIT_FAMILIES[kind];
  const notes = [`e.g. ${family.example}`, family.bareNote].filter((note) => note !== '').join('; ');
  const noun = qualifier === '' ? family.noun : `${family.noun} ${qualifier}`;
  return `${noun}: a number with ${listWithOr(family.advertised)} (${notes})`;
}

function listWithOr(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The JSON Schema `pattern` of a quantity written as a string, for editors. Unsigned: a negative quantity is never
 * valid, and an editor may as well say so while typing. `extraWords` adds whole-value words such as `unbounded`.
 */
export function quantityPattern(kind: QuantityKind, extraWords: readonly string[] = []): string {
  const family = UNIT_FAMILIES[kind];
  const units = Object.keys(family.units)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const number = '(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?';
  const unitPart = family.bareNumbers === 'base-unit' ? `(${units})?` : `(${units})`;
  const alternatives = [`${number}\\s*${unitPart}`];
  if (family.bareNumbers === 'zero-only') alternatives.push('0+(\\.0*)?');
  alternatives.push(...extraWords.map(escapeRegExp));
  return `^\\s*(${alternatives.join('|')})\\s*$`;
}
