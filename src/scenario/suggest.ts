import { distance } from 'fastest-levenshtein';

/**
 * The closest valid word to a misspelt one, or undefined when nothing is close enough to be a plausible typo.
 * Case-only differences always match ("Cores" -> "cores"); otherwise the edit distance may be 1 for words of one or two
 * letters and 2..3 (a third of the word) for longer ones: a swapped pair ('coers') costs 2, while 'lru' stays far
 * from 'random'. A word of 4 letters or more that begins exactly one candidate is taken as a shortened name
 * ('least-conn' -> 'least-connections'), which the edit distance alone misses.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const folded = candidates.find((c) => c.toLowerCase() === word.toLowerCase());
  if (folded !== undefined && folded !== word) return folded;
  const limit = word.length <= 2 ? 1 : Math.min(3, Math.max(2, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= limit && best !== word) return best;
  if (word.length < 4) return undefined;
  const extending = candidates.filter((c) => c.toLowerCase().startsWith(word.toLowerCase()) && c !== word);
  return extending.length === 1 ? extending[0] : undefined;
}
