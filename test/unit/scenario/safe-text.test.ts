import { describe, expect, test } from 'vitest';
import { capLine, escapeControlCharacters } from '../../../src/scenario/safe-text.js';

describe('escapeControlCharacters', () => {
  test('C0 and C1 controls, DEL, separators, bidi controls and the BOM as escapes; the rest as it is', () => {
    expect(escapeControlCharacters('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
    expect(escapeControlCharacters('1\n2\r3\t4')).toBe('1\\n2\\r3\\t4');
    expect(escapeControlCharacters('\u0000\u0007\u007f\u0085\u009b')).toBe('\\u0000\\u0007\\u007f\\u0085\\u009b');
    expect(escapeControlCharacters('x\u2028y\u2029z')).toBe('x\\u2028y\\u2029z');
    expect(escapeControlCharacters('\u202eevil\u2066\u200f\ufeff')).toBe('\\u202eevil\\u2066\\u200f\\ufeff');
    expect(escapeControlCharacters("ünïcödé 日本 'quoted' \\ back")).toBe("ünïcödé 日本 'quoted' \\ back");
  });
});

describe('capLine', () => {
  test('a line within the limit is unchanged', () => {
    expect(capLine('x'.repeat(10), 10)).toBe('x'.repeat(10));
  });

  test('a longer line is cut, saying how many characters were left out', () => {
    expect(capLine('abcdefghij', 4)).toBe('abcd... (6 more characters)');
    expect(capLine('x'.repeat(1_000_000))).toBe(`${'x'.repeat(500)}... (999500 more characters)`);
  });

  test('never half an escape or half a surrogate pair', () => {
    // "ab\u001b" escaped is "ab\\u001b": a cut after 5 characters would leave "ab\\u0"
    expect(capLine(escapeControlCharacters('ab\u001bcd'), 5)).toBe('ab... (8 more characters)');
    // "a😀b": the emoji is two UTF-16 units; a cut after 2 would split it
    expect(capLine('a\u{1f600}b', 2)).toBe('a... (3 more characters)');
  });
});
