import type { Findings } from './issues.js';
import { formatPath } from './paths.js';

/**
 * A key whose value names an entry and must be unique in its list (`nodes[].group`, `workload[].class`): a second use
 * is an error that points at the first.
 */
export class UniqueNames {
  private readonly firstUse = new Map<string, number>();

  constructor(
    private readonly list: string,
    private readonly key: string,
  ) {}

  /** The entry's name when it is a string (an error when an earlier entry has it), else undefined. */
  nameOf(entry: Record<string, unknown>, index: number, findings: Findings): string | undefined {
    const name = entry[this.key];
    if (typeof name !== 'string') return undefined;
    const first = this.firstUse.get(name);
    if (first === undefined) this.firstUse.set(name, index);
    else {
      findings.error({
        path: [this.list, index, this.key],
        value: name,
        rule: `duplicate ${this.key}`,
        valid: `a ${this.key} name not used before (${formatPath([this.list, first, this.key])} is already '${name}')`,
      });
    }
    return name;
  }
}
