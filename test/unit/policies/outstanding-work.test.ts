/**
 * A dispatcher keeps the outstanding work of each node (the work of the requests it sent there whose outcome has not
 * come back) only for a policy that reads it: every built-in but least-work-left declares
 * `readsOutstandingWork: false`, and a plug-in that says nothing gets it kept. Checked here: the kept figure is
 * exact at every decision (against a tally the test keeps itself from the policy's own hooks), and a policy that
 * declares false but reads it gets an error instead of a wrong figure.
 */
import { describe, expect, it } from 'vitest';
import { runReplication, replicationStreams } from '../../../src/index.js';
import { policies } from '../../../src/policies/registry.js';
import type { PolicyDefinition } from '../../../src/policies/policy.js';
import { cluster, exponential } from '../../helpers/scenarios.js';

const spec = cluster({
  seed: 'outstanding-work',
  nodes: 3,
  policy: 'tally',
  rate: 2.4,
  work: exponential(1),
  run: { requests: 3000, warmup: 0, replications: 1 },
});

/** Round robin that compares, at each decision, the view's outstanding work with its own tally. */
function tallying(readsOutstandingWork: boolean | undefined, seen: { checks: number; worst: number }): PolicyDefinition {
  return {
    name: 'tally',
    description: 'test',
    params: [],
    ...(readsOutstandingWork === undefined ? {} : { readsOutstandingWork }),
    create({ view }) {
      const tally = new Float64Array(view.nodeCount);
      const open = new Int32Array(view.nodeCount);
      let next = 0;
      return {
        choose() {
          for (let node = 0; node < view.nodeCount; node++) {
            const expected = open[node] === 0 ? 0 : tally[node];
            seen.worst = Math.max(seen.worst, Math.abs(view.outstandingWork(node) - expected));
            seen.checks++;
          }
          next = (next + 1) % view.nodeCount;
          return next;
        },
        onDispatch(node, request) {
          open[node]++;
          tally[node] += view.requestWork(request);
        },
        onReply(node, request) {
          if (--open[node] === 0) tally[node] = 0;
          else tally[node] -= view.requestWork(request);
        },
      };
    },
  };
}

describe('outstanding work', () => {
  it('is kept, exactly, for a policy that does not say it ignores it (a plug-in written before the declaration)', () => {
    for (const declared of [undefined, true]) {
      const seen = { checks: 0, worst: 0 };
      runReplication(spec, replicationStreams(spec.seed, 0), 0, { policy: tallying(declared, seen) });
      // 3 000 requests (and the warm-up's) x 3 nodes; the tally sums the same works in the same order.
      expect(seen.checks).toBeGreaterThan(9000);
      expect(seen.worst).toBeLessThan(1e-9);
    }
  });

  it('is an error, not a wrong figure, for a policy that declares false and reads it anyway', () => {
    const seen = { checks: 0, worst: 0 };
    expect(() => runReplication(spec, replicationStreams(spec.seed, 0), 0, { policy: tallying(false, seen) })).toThrow(
      /readsOutstandingWork: false/,
    );
  });

  it('is declared by every built-in policy, read only by least-work-left', () => {
    const reading = [...policies.values()].filter((p) => p.readsOutstandingWork !== false).map((p) => p.name);
    expect(reading).toEqual(['least-work-left']);
    for (const policy of policies.values()) expect(typeof policy.readsOutstandingWork).toBe('boolean');
  });
});
