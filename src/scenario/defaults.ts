import { DEFAULT_REGION } from '../model/zones.js';

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
  region: DEFAULT_REGION,
  queue: 'unbounded',
  discipline: 'fifo',
  latency: '0s',
  policy: 'random',
  dispatchers: 1,
  info: 'exact',
  size: '0B',
  op: 'compute',
  rateInterpolate: 'linear',
  popularity: 'uniform',
  zipfExponent: 1,
  repairCrews: 'unbounded',
  heartbeat: '1s',
  detectionTimeout: '3s',
  clientTimeout: 'none',
  retries: 0,
  backoffBase: '50ms',
  backoffFactor: 2,
  jitter: 'full',
  minHealthy: 1,
  /** Below 99 % of the finished requests succeeding in an interval, the service counts as down (degraded). */
  successRatio: 0.99,
} as const;


/** The word that makes storage, bandwidth and the waiting room unbounded (Infinity in the resolved spec). */
export const UNBOUNDED = 'unbounded';

/** The word that makes a client wait forever (`clients.timeout: none`; Infinity in the resolved spec). */
export const NONE = 'none';
