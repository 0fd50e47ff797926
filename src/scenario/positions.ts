import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Anchor } from './issues.js';
import type { FieldPath } from './paths.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a field path sits in the parsed YAML (or JSON) text. When the exact node does not exist (a missing
 * key, a node created by `--set`), it falls back to the nearest ancestor that has a position, so every issue still
 * points somewhere useful.
 */
export class SourcePositions {
  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  locate(path: FieldPath, anchor: Anchor = 'value'): Position | undefined {
    let node: unknown = this.document.contents;
    let best = this.positionOf(node);
    for (let i = 0; i < path.length; i++) {
      node = this.dealias(node);
      const isLast = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(path[i]));
        if (pair === undefined) return best;
        if (isLast && anchor === 'key') return this.positionOf(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node)) {
        const index = Number(path[i]);
        if (!Number.isInteger(index) || index < 0 || index >= node.items.length) return best;
        node = node.items[index];
      } else {
        return best;
      }
      best = this.positionOf(node) ?? best;
    }
    return best;
  }

  private dealias(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.document) : node;
  }

  private positionOf(node: unknown): Position | undefined {
    const range = (node as Node | null | undefined)?.range;
    if (range === undefined || range === null) return undefined;
    const { line, col } = this.lines.linePos(range[0]);
    return { line, column: col };
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}
