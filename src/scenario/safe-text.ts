import { LIMITS } from './limits.js';

/**
 * Text a user (or a file from someone else) wrote, made safe to echo on a terminal. Control characters would act
 * rather than show (ESC sequences clear the screen or move the cursor, a newline forges a second message), and
 * bidirectional controls or separators reorder or hide what follows; each is shown as an escape instead.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `a\u001b[2Jb` -> `a\\u001b[2Jb` (the six characters of the escape, not the control character). */
export function escapeControlCharacters(text: string): string {
  return text.replace(UNSAFE, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One line cut to `max` characters, saying how much was left out: one megabyte of garbage in a value gives a line
 * that still fits a screen. A cut never leaves half an escape or half a surrogate pair behind.
 */
export function capLine(line: string, max: number = LIMITS.lineCharacters): string {
  if (line.length <= max) return line;
  const head = line
    .slice(0, max)
    .replace(/\\(u[0-9a-fA-F]{0,3})?$/, '')
    .replace(/[\ud800-\udbff]$/, '');
  return `${head}... (${line.length - head.length} more characters)`;
}

/** A line of user-derived text as it may be printed: escaped, then cut. */
export function safeLine(line: string): string {
  return capLine(escapeControlCharacters(line));
}
