import { Composer, CST, LineCounter, Parser, YAMLParseError, type Document } from 'yaml';
import type { ScenarioIssue } from './issues.js';
import { LIMITS, tooDeepText, tooManyItemsText, withinItemLimit, type LimitText } from './limits.js';
import { formatPath, type FieldPath } from './paths.js';

/**
 * How scenario YAML is read, for files and `--set` values alike. Warnings are never logged by the yaml package
 * itself (it would print a Node process warning with no position): the loader reports them, positioned.
 */
const YAML_OPTIONS = { merge: true, uniqueKeys: true, logLevel: 'error' } as const;

/** A limit exceeded in the token tree: where, and which field. */
export interface TokenTreeProblem extends LimitText {
  offset: number;
  path: FieldPath;
}

export type ParsedYaml =
  | { document: Document; lines: LineCounter }
  /** Not composed into a document: see `parseYaml`. */
  | { problem: TokenTreeProblem; lines: LineCounter };

/**
 * Parses YAML text into one document, checking depth and sizes on the way. The yaml package reads text into a token
 * tree without recursion, but composes that tree into a document recursively (a few thousand nested brackets
 * overflow the stack, there and in every walk after it) and checks duplicate keys pairwise (a mapping of 100 000
 * keys takes minutes). So nesting depth, keys per mapping and entries per list are checked on the token tree, by a
 * loop, before anything else runs. Errors and warnings carry `linePos` as with `parseDocument`.
 */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  const problem = firstTokenTreeProblem(tokens);
  if (problem !== undefined) return { problem, lines };
  let document: Document | undefined;
  for (const composed of new Composer(YAML_OPTIONS).compose(tokens, true, text.length)) {
    if (document === undefined) document = composed;
    else {
      const second: [number, number] = [composed.range[0], composed.range[1]];
      document.errors.push(new YAMLParseError(second, 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  // `compose(..., forceDoc = true)` always yields a document, even for empty text.
  const parsed = document as Document;
  for (const problem of [...parsed.errors, ...parsed.warnings]) problem.linePos = [lines.linePos(problem.pos[0])];
  return { document: parsed, lines };
}

/** The first collection, in file order, nested too deep or holding too many items; undefined when there is none. */
function firstTokenTreeProblem(tokens: readonly CST.Token[]): TokenTreeProblem | undefined {
  const pending: { token: CST.Token; depth: number; path: FieldPath }[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token.type === 'document' && token.value !== undefined) pending.push({ token: token.value, depth: 0, path: [] });
  }
  while (pending.length > 0) {
    const { token, depth, path } = pending.pop()!;
    if (!CST.isCollection(token)) continue;
    if (depth + 1 > LIMITS.depth) return { offset: token.offset, path, ...tooDeepText() };
    const isList = token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[');
    const kind = isList ? 'list' : 'mapping';
    if (!withinItemLimit(kind, token.items.length)) {
      return { offset: token.offset, path, ...tooManyItemsText(kind, token.items.length) };
    }
    // Pushed last to first, so that they are taken first to last: the first problem in the file is found.
    for (let i = token.items.length - 1; i >= 0; i--) {
      const { key, value } = token.items[i];
      const here = [...path, isList ? i : keyText(key)];
      if (value !== undefined) pending.push({ token: value, depth: depth + 1, path: here });
      if (key !== undefined && key !== null) pending.push({ token: key, depth: depth + 1, path: here });
    }
  }
  return undefined;
}

/** A key as a path segment: its text when it is a scalar, `?` for anything else (a complex key). */
function keyText(key: CST.Token | null | undefined): string {
  if (key === null || key === undefined || !CST.isScalar(key)) return '?';
  // Lenient, and errors ignored: the composer reports a bad key with its position; here it only names a path.
  return CST.resolveAsScalar(key, false, () => undefined)?.value ?? '?';
}

/**
 * A scenario's text parsed, or the problem that stops it being parsed at all: too large (checked before the parser
 * sees it), nested too deep, or a mapping or list too long.
 */
export function parseScenarioText(
  text: string,
  file: string,
): { document: Document; lines: LineCounter } | { errors: ScenarioIssue[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.fileBytes) return { errors: [fileTooLargeIssue(file, `${bytes} bytes`)] };
  const parsed = parseYaml(text);
  if ('document' in parsed) return parsed;
  const { offset, path, rule, valid } = parsed.problem;
  const { line, col } = parsed.lines.linePos(offset);
  return { errors: [{ severity: 'error', file, line, column: col, path: formatPath(path), rule, valid }] };
}

/** A whole-file problem, so it has no line: the file is refused before it is read into memory or parsed. */
export function fileTooLargeIssue(file: string, size: string): ScenarioIssue {
  return {
    severity: 'error',
    file,
    path: '',
    rule: `the file is too large: ${size}`,
    valid: `a scenario file of at most ${LIMITS.fileBytes} bytes (1 MB)`,
  };
}
