import { afterEach, describe, expect, test, vi } from 'vitest';
import { nameFromFile } from '../../../src/scenario/index.js';
import { BASE, errorsOf, load, sets, warningsOf, withLine, yaml } from './helpers.js';

/**
 * Issue 10, part 4: input that used to crash the loader, print a Node warning, point at 1:1 or validate and then
 * fail after the run. Each is an error with its own message at its own place. Columns are counted by hand in the
 * comments; BASE is 10 lines, so added lines start at 11.
 */

const DEPTH_VALID = 'valid: at most 64 levels (a scenario needs fewer than 10)';
const KEY_VALID = 'valid: a plain key such as nodes or cores';

describe('nesting depth: checked before anything recursive runs', () => {
  test('a description nested 700 mappings deep (used to overflow the call stack)', () => {
    // "description: " is 13 characters and each "{a: " 4: the 64th brace, at level 65 (the file itself is level 1),
    // starts at column 13 + 4 x 63 + 1 = 266; the path names the 63 keys "a" above it.
    const text = yaml(...BASE, `description: ${'{a: '.repeat(700)}x${'}'.repeat(700)}`);
    expect(errorsOf(text)).toEqual([
      `t.yaml:11:266: description${'.a'.repeat(63)}: nested too deep: more than 64 levels of mappings and lists; ${DEPTH_VALID}`,
    ]);
  });

  test('100 000 nested brackets and a deep block mapping are refused alike, without recursion', () => {
    const brackets = yaml(...BASE, `seed: ${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    // "seed: " is 6 characters: the 64th bracket is at column 6 + 64 = 70
    expect(errorsOf(brackets)).toEqual([
      `t.yaml:11:70: seed${'.0'.repeat(63)}: nested too deep: more than 64 levels of mappings and lists; ${DEPTH_VALID}`,
    ]);
    // line 11 is "seed:" (in the file's mapping, level 1), then "k:" indented one more space per line: the mapping of
    // level L starts on line 10 + L at column L, so level 65 is at 75:65
    const block = ['seed:', ...Array.from({ length: 100 }, (_, i) => `${' '.repeat(i + 1)}k:`)];
    expect(errorsOf(yaml(...BASE, ...block))).toEqual([
      `t.yaml:75:65: seed${'.k'.repeat(63)}: nested too deep: more than 64 levels of mappings and lists; ${DEPTH_VALID}`,
    ]);
  });

  test('64 levels are allowed (and then the schema speaks)', () => {
    // the file (1) + 63 brackets = 64 levels
    const errors = errorsOf(yaml(...BASE, `seed: ${'['.repeat(63)}${']'.repeat(63)}`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^t\.yaml:11:7: seed: bad value '.*': must be a string or an integer; /);
  });

  test('too deep through an alias: 40 levels under an anchor, used 30 levels down', () => {
    const anchored = `seed: &d ${'['.repeat(40)}${']'.repeat(40)}`;
    // "interval: " is 10 characters, then 30 brackets: the alias at column 41 sits in 1 + 30 collections, and
    // expands to 40 more: 71 levels
    const using = `interval: ${'['.repeat(30)}*d${']'.repeat(30)}`;
    expect(errorsOf(yaml(...BASE, anchored, using))).toEqual([
      `t.yaml:12:41: interval${'.0'.repeat(30)}: bad value '*d': nested too deep: with the alias expanded, more than 64 ` +
        `levels of mappings and lists; ${DEPTH_VALID}`,
    ]);
  });

  test('too deep through a --set path: reported at the override', () => {
    const path = Array.from({ length: 100 }, () => 'a').join('.');
    const errors = errorsOf(yaml(...BASE), { overrides: sets(`x.${path}=1`) });
    expect(errors).toHaveLength(1);
    // the mapping at level 65 is the value of the 64th key: x and 63 a's; the 207-character --set is shown cut to
    // 97 characters ("--set x" and 45 ".a") and "..."
    expect(errors[0]).toMatch(/^t\.yaml: --set x(\.a){45}\.\.\.: x(\.a){63}: nested too deep: more than 64 levels/);
  });
});

describe('aliases', () => {
  test('an undefined alias is an error at the alias, also when --seed, --set or --replications is given', () => {
    const text = yaml(...BASE, 'description: *nope');
    // "description: " is 13 characters: the alias at column 14
    const expected = [
      "t.yaml:11:14: description: bad value '*nope': undefined alias: no anchor &nope before it; " +
        'valid: an alias (*name) after the anchor it names (&name)',
    ];
    expect(errorsOf(text)).toEqual(expected);
    expect(errorsOf(text, { overrides: [{ path: 'seed', value: '"3"', origin: '--seed 3' }] })).toEqual(expected);
    expect(errorsOf(text, { overrides: sets('duration=2h', 'replications=3') })).toEqual(expected);
  });

  test('an alias inside its own anchor', () => {
    // "description: &x [1, " is 20 characters
    expect(errorsOf(yaml(...BASE, 'description: &x [1, *x]'))).toEqual([
      "t.yaml:11:21: description.1: bad value '*x': the alias is inside its own anchor &x, so it would repeat forever; " +
        'valid: an alias outside the mapping or list its anchor names',
    ]);
  });

  test('aliases expanding past 10 000 values: the alias that crosses it', () => {
    // &v is a list of 100 values: 101 values with the list itself; 99 aliases make 9 999, the 100th 10 100.
    const values = Array.from({ length: 100 }, () => '1').join(', ');
    const aliases = Array.from({ length: 120 }, () => '*v').join(', ');
    // "seed: [" is 7 characters and each "*v, " 4: the 100th alias at column 8 + 4 x 99 = 404
    expect(errorsOf(yaml(...BASE, `description: &v [${values}]`, `seed: [${aliases}]`))).toEqual([
      "t.yaml:12:404: seed.99: bad value '*v': aliases expand to too many values: more than 10000 so far; " +
        'valid: aliases standing for at most 10000 values in all',
    ]);
  });

  test('the billion laughs: refused at once', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const errors = errorsOf(yaml(...BASE, ...lines));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/: bad value '\*a\d': aliases expand to too many values: more than 10000 so far;/);
  });

  test('aliases within the bounds work as before', () => {
    const text = yaml(...BASE.slice(0, 6), '    zone: &z east', '  - group: db', '    zone: *z', ...BASE.slice(6));
    const result = load(text);
    expect(result.errors).toEqual([]);
    expect(result.spec?.nodes.map((n) => n.zone)).toEqual(['east', 'east', 'east']);
  });
});

describe('keys the data model cannot hold', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('a complex key: an error at its place, and no Node process warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const console = vi.spyOn(globalThis.console, 'warn');
    expect(errorsOf(yaml(...BASE, '? [a, b]', ': 1'))).toEqual([
      `t.yaml:11:3: a key must be a single word, not a list or a mapping (YAML's '?' complex key); ${KEY_VALID}`,
    ]);
    expect(warn).not.toHaveBeenCalled();
    expect(console).not.toHaveBeenCalled();
  });

  test('an empty key and a null key', () => {
    // "? " then nothing: the empty key is at column 3
    expect(errorsOf(yaml(...BASE, '? ', ': 1'))).toEqual([`t.yaml:11:3: a key is empty (null); ${KEY_VALID}`]);
    expect(errorsOf(yaml(...BASE, '~: 1'))).toEqual([`t.yaml:11:1: a key is empty (null); ${KEY_VALID}`]);
  });

  test('an alias as a key', () => {
    expect(errorsOf(yaml(...BASE, 'description: &a d', '*a : 1'))).toEqual([
      `t.yaml:12:1: bad value '*a': an alias cannot be a key; ${KEY_VALID}`,
    ]);
  });

  test("a '<<' merge of something other than a mapping", () => {
    // "description: { <<: " is 19 characters
    expect(errorsOf(yaml(...BASE, 'description: { <<: 1 }'))).toEqual([
      "t.yaml:11:20: description.<<: a '<<' merge takes a mapping, an alias of one, or a list of them; " +
        'valid: <<: *base, where &base names a mapping',
    ]);
  });
});

describe('YAML tags', () => {
  test('tags that make binary data, functions or custom objects are errors at the tagged value', () => {
    const valid = 'valid: no tag, or one of !!str, !!int, !!float, !!bool, !!null, !!seq, !!map';
    const rule = 'a YAML tag that makes something other than plain data';
    // the value after "description: !!binary " (22 characters) is at column 23
    expect(errorsOf(yaml(...BASE, 'description: !!binary aGVsbG8='))).toEqual([
      `t.yaml:11:23: description: bad value '!!binary': ${rule}; ${valid}`,
    ]);
    expect(errorsOf(yaml(...BASE, 'description: !!js/function "f() {}"'))).toEqual([
      `t.yaml:11:28: description: bad value '!!js/function': ${rule}; ${valid}`,
    ]);
    expect(errorsOf(yaml(...BASE, 'description: !foo x'))).toEqual([`t.yaml:11:19: description: bad value '!foo': ${rule}; ${valid}`]);
  });

  test('core tags only say how to read plain data: !!str keeps the zeros', () => {
    const result = load(yaml(...BASE, 'seed: !!str 007'));
    expect(result.errors).toEqual([]);
    expect(result.spec?.seed).toBe('007');
  });

  test("a core tag that does not fit its value is the parser's warning, positioned", () => {
    // "seed: " is 6 characters: the tagged value at column 7
    expect(warningsOf(yaml(...BASE, 'seed: !!int abc'))).toEqual(['t.yaml:11:7: warning: YAML: Unresolved tag: tag:yaml.org,2002:int']);
  });
});

describe('lengths and sizes', () => {
  test('a scenario name: at most 100 characters, checked at validation (it becomes a folder name)', () => {
    const valid = "valid: letters, digits, '.', '_' and '-', starting with a letter or digit; at most 100 characters";
    expect(errorsOf(yaml(...withLine(1, `name: ${'a'.repeat(101)}`)))).toEqual([
      `t.yaml:1:7: name: bad value '${'a'.repeat(57)}...': too long: 101 characters; ${valid}`,
    ]);
    expect(errorsOf(yaml(...withLine(1, `name: ${'a'.repeat(100)}`)))).toEqual([]);
    // a group name the same way: "  - group: " is 11 characters
    expect(errorsOf(yaml(...withLine(4, `  - group: ${'g'.repeat(250)}`)))).toEqual([
      `t.yaml:4:12: nodes.0.group: bad value '${'g'.repeat(57)}...': too long: 250 characters; ${valid}`,
    ]);
  });

  test('a default name from a long file name is cut to 100 characters', () => {
    expect(nameFromFile(`scenarios/${'x'.repeat(250)}.yaml`)).toBe('x'.repeat(100));
  });

  test('a string value: at most 10 000 characters', () => {
    expect(errorsOf(yaml(...BASE, `description: ${'d'.repeat(10_001)}`))).toEqual([
      `t.yaml:11:14: description: bad value '${'d'.repeat(57)}...': too long: 10001 characters; ` +
        'valid: a string of at most 10000 characters',
    ]);
    expect(errorsOf(yaml(...BASE, `description: ${'d'.repeat(10_000)}`))).toEqual([]);
  });

  test('a list: at most 10 000 entries; a mapping: at most 1 000 keys', () => {
    expect(errorsOf(yaml(...BASE, `seed: [${Array(10_001).fill('1').join(',')}]`))).toEqual([
      't.yaml:11:7: seed: too many entries: 10001; valid: a list of at most 10000 entries',
    ]);
    const keys = Array.from({ length: 1001 }, (_, i) => `k${i}: 1`).join(', ');
    expect(errorsOf(yaml(...BASE, `network: { ${keys} }`))).toEqual([
      't.yaml:11:10: network: too many keys: 1001; valid: a mapping of at most 1000 keys',
    ]);
  });

  test('nodes: at most 1 000 000 in all groups together, reported at the group that crosses it', () => {
    const text = yaml(...BASE.slice(0, 6), '  - group: db', '    count: 1000000', ...BASE.slice(6));
    // "    count: " is 11 characters; BASE's group has 2 nodes: 1 000 002 in all
    expect(errorsOf(text)).toEqual([
      "t.yaml:8:12: nodes.1.count: bad value '1000000': too many nodes: 1000002 with this group; " +
        'valid: at most 1000000 nodes in all groups together',
    ]);
  });

  test('a scenario text over 1 MB is refused before it is parsed, counted in bytes', () => {
    const valid = 'valid: a scenario file of at most 1000000 bytes (1 MB)';
    expect(errorsOf(`# ${'x'.repeat(999_997)}\n`)).toEqual([
      expect.stringMatching(/^t\.yaml:1:1: the scenario file is empty/), // 1 000 000 bytes: parsed
    ]);
    expect(errorsOf(`# ${'x'.repeat(999_998)}\n`)).toEqual([`t.yaml: the file is too large: 1000001 bytes; ${valid}`]);
    // 500 001 characters of two bytes each
    expect(errorsOf(`${'é'.repeat(500_001)}`)).toEqual([`t.yaml: the file is too large: 1000002 bytes; ${valid}`]);
  });
});

describe('what is echoed', () => {
  test('control characters in a bad value are shown escaped, not sent to the terminal', () => {
    const text = yaml(...withLine(6, '    cores: "\\u001b[2J\\u0007x\\ty"'));
    // the double-quoted value starts at column 12; the tab was turned into a space by the one-line rendering
    expect(errorsOf(text)).toEqual([
      "t.yaml:6:12: nodes.0.cores: bad value '\\u001b[2J\\u0007x y': must be an integer; valid: an integer >= 1",
    ]);
  });

  test('and in a --set argument and in the file name', () => {
    const errors = errorsOf(yaml(...BASE), { file: 'a\nb.yaml', overrides: sets('nodes.0.cores=\u001b]0;x\u0007') });
    expect(errors).toEqual([
      "a\\nb.yaml: --set nodes.0.cores=\\u001b]0;x\\u0007: nodes.0.cores: bad value '\\u001b]0;x\\u0007': " +
        'must be an integer; valid: an integer >= 1',
    ]);
  });

  test('a long --set argument is shortened like a bad value, so the rest of the line still shows', () => {
    const errors = errorsOf(yaml(...BASE), { overrides: sets(`description=${'d'.repeat(12_000)}`) });
    // the origin "--set description=ddd..." cut to 97 characters and "...": 18 + 79 d's
    expect(errors).toEqual([
      `t.yaml: --set description=${'d'.repeat(79)}...: description: bad value '${'d'.repeat(57)}...': too long: 12000 ` +
        'characters; valid: a string of at most 10000 characters',
    ]);
  });

  test('an error line is cut after 500 characters, saying how much was left out', () => {
    // an unknown key of 600 characters: the path repeats it in full
    const [line] = errorsOf(yaml(...BASE, `${'k'.repeat(600)}: 1`));
    // "t.yaml:11:1: " is 13 characters: 487 k's make 500
    expect(line).toMatch(/^t\.yaml:11:1: k{487}\.\.\. \(\d+ more characters\)$/);
    const left = Number(/\((\d+) more/.exec(line)![1]);
    // what was cut: the other 113 k's, the rest of the line after the path (the value, rule and valid list)
    expect(left).toBeGreaterThan(113 + 100);
  });
});
