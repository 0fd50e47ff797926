/**
 * Defaults of optional scenario keys, as a user would write them. The schema shows them to editors and the resolver
 * applies them, so the two cannot disagree.
 */
export const DEFAULTS = {
  description: '',
  seed: '1',
  replications: 1,
  warmup: '0s',
  warmupRequests: 0,
  count: 1,
  cores: 1,
  speed: 1,
  storage: 'unbounded',
  bandwidth: 'unbounded',
  zone: 'default',
  queue: 'unbounded',
  discipline: 'fifo',
  latency: '0s',
  policy: 'random',
  size: '0B',
  op: 'compute',
} as const;

/** The word that makes storage, bandwidth and the waiting room unbounded (Infinity in the resolved spec). */
export const UNBOUNDED = 'unbounded';
