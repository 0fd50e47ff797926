import { distance } from 'fastest-levenshtein';

/**
 * The closest valid word to a misspelt one, or undefined when nothing is close enough to be a plausible typo.
 * Case-only differences always match ("Cores" -> "cores"); otherwise the edit distance may be 1 for words of one or two
 * letters and 2..3 (a third of the word) for longer ones: a swapped pair ('coers') costs 2, while 'lru' stays far
 * from 'random'.
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
  return best !== undefined && bestDistance <= limit && best !== word ? best : undefined;
}
