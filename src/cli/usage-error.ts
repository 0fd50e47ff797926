import { didYouMean } from '../scenario/suggest.js';

/** The options a parser knows once it has parsed (its command's own included), as yargs reports them. */
export interface KnownOptions {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
}

/** yargs keeps `getOptions` off its public type; it is there on every instance (yargs 17 and 18). */
export function knownOptionsOf(parser: unknown, positionals: readonly string[]): KnownOptions {
  const { key, alias } = (parser as { getOptions(): KnownOptions }).getOptions();
  const options = Object.fromEntries(Object.entries(key).filter(([name]) => !positionals.includes(name)));
  return { key: options, alias };
}

/**
 * yargs answers a usage mistake with the whole help followed by its message ("Unknown argument: replication"); the
 * help buries the one line that matters. This names the mistake, offers the closest valid option, and points at
 * the command's own help instead of printing it.
 */
export function usageErrorText(
  program: string,
  message: string,
  argv: readonly string[],
  known: KnownOptions,
): string {
  return `${program}: ${describeMistake(message, argv, known)}\nRun '${program} --help' for usage.`;
}

function describeMistake(message: string, argv: readonly string[], known: KnownOptions): string {
  if (/^Not enough non-option arguments/.test(message)) return 'name at least one scenario file or folder';
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown === null) return message;
  const words = unknown[1].split(', ');
  // yargs lists `--max-wall` twice, as max-wall and maxWall: keep the spelling the user typed.
  const typed = words.filter((w) => !(w !== kebab(w) && words.includes(kebab(w))));
  return typed.map((word) => (isOption(word, argv) ? unknownOption(word, known) : `unexpected argument '${word}'`)).join('; ');
}

function unknownOption(word: string, known: KnownOptions): string {
  const names = [...Object.keys(known.key), ...Object.values(known.alias).flat()].filter((n) => n === kebab(n));
  const flags = [...new Set(names)].map(flag);
  const written = flag(word);
  // A one-letter slip has too many neighbours to guess from.
  const suggestion = word.length === 1 ? undefined : didYouMean(written, flags.filter((f) => f.startsWith('--')));
  const valid = flags.filter((f) => f.startsWith('--')).sort();
  return suggestion === undefined
    ? `unknown option '${written}'; valid: ${valid.join(', ')}`
    : `unknown option '${written}'; did you mean '${suggestion}'?`;
}

/** Whether the word came from an option (`--word`, `--word=v`, `--no-word`, `-w`) rather than a stray positional. */
function isOption(word: string, argv: readonly string[]): boolean {
  return argv.some((arg) => {
    const name = arg.replace(/^--?(no-)?/, '').split('=')[0];
    return arg.startsWith('-') && (name === word || name.includes(word));
  });
}

function flag(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
