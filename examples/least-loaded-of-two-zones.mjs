// An example dispatch-policy plug-in for clustersim.
//
// A scenario names it with   balancer: { policy: { module: ../examples/least-loaded-of-two-zones.mjs, spill: 2 } }
// (the path is relative to the scenario file). It implements the same PolicyDefinition interface as the built-in
// policies in src/policies/ (see src/policies/policy.ts and src/model/dispatch.ts):
//
//   { name, description, params: [{ name, description, kind, minimum?, default? }], create({ view, rng, params }) }
//
// create() returns { choose(request) => node index or -1, and optional hooks onDispatch, onReply,
// onAvailabilityChange, onQueueLength, onNodeIdle }. Use `rng` for every random choice (never Math.random), so runs
// stay reproducible from their seed.
//
// This one prefers "local" nodes (the first half of the cluster) and spills over to the other half only when the
// best local node has `spill` or more open connections more than the best remote one: power of two choices within
// each half, compared across halves.

/** @type {import('../dist/src/index.js').PolicyDefinition} */
const policy = {
  name: 'least-loaded-of-two-zones',
  description: 'Power of two choices in the local half; spill to the remote half when it is clearly less loaded.',
  // It reads connections only, so the dispatcher need not keep the outstanding work per node.
  readsOutstandingWork: false,
  params: [{ name: 'spill', description: 'connections a remote node must be ahead by', kind: 'integer', minimum: 0, default: 2 }],
  create({ view, rng, params }) {
    const n = view.nodeCount;
    const half = Math.max(1, Math.floor(n / 2));
    const spill = Number(params.spill);
    const bestOfTwo = (from, count) => {
      let best = -1;
      for (let i = 0; i < 2; i++) {
        const node = from + Math.floor(rng() * count);
        if (!view.isAvailable(node)) continue;
        if (best < 0 || view.connections(node) < view.connections(best)) best = node;
      }
      return best;
    };
    return {
      choose() {
        const local = bestOfTwo(0, half);
        const remote = n > half ? bestOfTwo(half, n - half) : -1;
        if (local < 0) return remote;
        if (remote < 0) return local;
        return view.connections(local) - view.connections(remote) >= spill ? remote : local;
      },
    };
  },
};

export default policy;
