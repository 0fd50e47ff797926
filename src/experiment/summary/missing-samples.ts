/** Figures that had no value in some replications, and why. */
export interface MissingSamples {
  /** What the replications lacked: `no request arrived in the measurement window`. */
  reason: string;
  /** The figures concerned, in the summary's order: `response time`, `blocking probability`. */
  figures: string[];
  /** Replications without a value of these figures. */
  missing: number;
}

function list(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * One warning per reason and count: the figures that have no value at all (null in summary.json, – in the tables,
 * an empty CSV cell), or that average only the replications that had a sample, and how many those were. Groups
 * with the same reason and count are said in one sentence.
 */
export function missingSampleWarnings(groups: readonly MissingSamples[], replications: number, hint = ''): string[] {
  const merged = new Map<string, MissingSamples>();
  for (const group of groups) {
    if (group.missing === 0) continue;
    const key = `${group.missing}\n${group.reason}`;
    const same = merged.get(key);
    if (same) same.figures.push(...group.figures);
    else merged.set(key, { ...group, figures: [...group.figures] });
  }
  return [...merged.values()].map(({ reason, figures, missing }) => {
    const one = figures.length === 1;
    if (missing >= replications) {
      const where = replications > 1 ? ` (all ${replications} replications)` : '';
      const have = one ? 'has' : 'have';
      return `${reason}${where}: ${list(figures)} ${have} no value (null in summary.json, – in the tables)${hint}`;
    }
    const others = replications - missing;
    return (
      `${reason} in ${missing} of ${replications} replications: ${list(figures)} ${one ? 'is a mean' : 'are means'} ` +
      `over the other ${others} replication${others === 1 ? '' : 's'}`
    );
  });
}
