/** What a `topology: { kind: leaderless }` mapping gets for every key it leaves out. */
export const LEADERLESS_DEFAULTS = {
  replicas: 3,
  virtualNodes: 16,
  writeQuorum: 'quorum',
  readQuorum: 'quorum',
  coordinator: 'any',
  readFanout: 'all',
  readRepair: 'none',
  // Cassandra's default speculative_retry (used with readFanout: quorum only).
  speculativeRetry: 'p99',
  sloppyQuorum: false,
  // Cassandra's max_hint_window is 3 h; hints are replayed in rounds (every 10 s here).
  hintedHandoff: { replay: '10s', maxHintAge: '3h' },
  // Cassandra's write_request_timeout (2 s): how long a coordinator waits for its replicas.
  requestTimeout: '2s',
  // The buckets of t after a commit at which a read starts (Bailis et al.'s PBS curve).
  tVisibility: ['0ms', '0.1ms', '1ms', '10ms', '100ms'],
} as const;

/** A ring of more tokens than this per node costs memory and build time for no better balance. */
export const MAX_VIRTUAL_NODES = 4096;
