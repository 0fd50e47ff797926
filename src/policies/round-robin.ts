import type { PolicyDefinition } from './policy.js';

export const roundRobinPolicy: PolicyDefinition = {
  name: 'round-robin',
  description: 'Requests go to the nodes in turn, skipping unavailable ones.',
  params: [],
  readsOutstandingWork: false,
  create({ view }) {
    let n = view.nodeCount;
    let next = 0;
    return {
      choose() {
        for (let tried = 0; tried < n; tried++) {
          const node = next;
          next = next + 1 === n ? 0 : next + 1;
          if (view.isAvailable(node)) return node;
        }
        return -1;
      },
      // The new node takes its turn when the rotation reaches the end; removed nodes are skipped as unavailable.
      onNodeAdded() {
        n = view.nodeCount;
      },
    };
  },
};
