/** Why a request failed. Integer codes on the hot path; names in reports. */
export const FailureCause = {
  /** The node's waiting room was full (an Erlang loss system counts its blocking here). */
  rejected: 0,
  /** A write did not fit in the node's remaining storage. */
  storageFull: 1,
  /** The dispatcher had no available node. */
  noNode: 2,
} as const;

export const failureCauseNames = ['rejected', 'storage-full', 'no-node'] as const;
