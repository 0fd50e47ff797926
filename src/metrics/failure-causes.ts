/** Why a request failed. Integer codes on the hot path; names in reports. */
export const FailureCause = {
  /** The node's waiting room was full (an Erlang loss system counts its blocking here). */
  rejected: 0,
  /** A write did not fit in the node's remaining storage. */
  storageFull: 1,
  /** The dispatcher knew no healthy node. */
  noHealthyNode: 2,
  /** The node holding the request crashed, and clients have no timeout (they see a connection reset). */
  nodeCrash: 3,
  /** The request or its reply was lost to a partition, and clients have no timeout. */
  unreachable: 4,
  /** Every attempt timed out at the client. */
  timeout: 5,
  /** A single-leader cluster had no leader for a write (or a leader read), or lost it before the write was acknowledged. */
  noLeader: 6,
  /** A leaderless cluster's coordinator could not gather its read or write quorum of replicas before the timeout. */
  quorumUnavailable: 7,
} as const;

export const failureCauseNames = ['rejected', 'storage-full', 'no-healthy-node', 'node-crash', 'unreachable', 'timeout', 'no-leader', 'quorum-unavailable'] as const;

/** The causes every topology can produce; later ones are reported only by the topologies that produce them. */
export const commonCauseCount = 6;
