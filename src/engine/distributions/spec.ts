/**
 * A distribution of non-negative values (durations in seconds, work in seconds on a speed-1 core, sizes in bytes).
 * The scenario layer parses units into these plain numbers.
 */
export type DistSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  /** Erlang-k: the sum of k exponentials; `mean` is the mean of the sum. */
  | { dist: 'erlang'; k: number; mean: number }
  | { dist: 'gamma'; shape: number; mean: number }
  /** Normal truncated at 0 (redrawn below 0); `mean` and `sd` are of the untruncated normal. */
  | { dist: 'normal'; mean: number; sd: number }
  /** Lognormal from its mean and squared coefficient of variation. */
  | { dist: 'lognormal'; mean: number; scv: number }
  /** Lognormal from its median and 99th percentile. */
  | { dist: 'lognormal'; median: number; p99: number }
  | { dist: 'weibull'; shape: number; mean: number }
  /** Pareto (type I) with tail index `shape` > 1 and the given mean; scale = mean (shape - 1) / shape. */
  | { dist: 'pareto'; shape: number; mean: number }
  /** Two-phase hyperexponential with balanced means, from its mean and scv >= 1. */
  | { dist: 'hyperexponential'; mean: number; scv: number }
  /** Draws uniformly from the given samples. */
  | { dist: 'empirical'; samples: number[] };

export type DistName = DistSpec['dist'];
