import type { ClientSpec } from '../model/spec.js';

/**
 * A client's wait before retry number `retry` (1 for the first): exponential backoff, base x factor^(retry - 1),
 * with the configured jitter (`full`: uniform on [0, delay]; `equal`: delay / 2 plus uniform on [0, delay / 2]).
 * `rng` is drawn only when there is jitter. Shared by every topology whose clients retry.
 */
export function backoffDelay(retry: number, backoff: ClientSpec['backoff'], rng: () => number): number {
  const { base, factor, jitter } = backoff;
  const delay = base * Math.pow(factor, retry - 1);
  if (jitter === 'full') return rng() * delay;
  if (jitter === 'equal') return delay / 2 + (rng() * delay) / 2;
  return delay;
}
