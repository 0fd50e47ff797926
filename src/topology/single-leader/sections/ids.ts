/** The single-leader topology's report sections, by the id its replications hand their data under. */
export const SINGLE_LEADER_SECTION = 'singleLeader';
export const SCHEDULER_SECTION = 'scheduler';
export const RECOVERY_SECTION = 'recovery';
export const REGIONS_SECTION = 'regions';
