// The public library API of clustersim: build a scenario (by hand or from a file), run it, read or write the report.

export { EventQueue } from './engine/event-queue.js';
export { Simulator, type EventHandler, type RunLimits, type StopReason } from './engine/simulator.js';
export { RandomStreams, type Uniform } from './engine/rng.js';
export { createSampler, distMean, distVariance, distProblems, type DistSpec, type DistName } from './engine/distributions/index.js';

export type {
  ScenarioSpec,
  RunSpec,
  NodeSpec,
  NetworkSpec,
  LinkSpec,
  BalancerSpec,
  PolicySpec,
  WorkloadClassSpec,
  ArrivalSpec,
  Operation,
  Discipline,
} from './model/spec.js';
export { NodeTable, type NodeFields } from './model/node-table.js';
export type { DispatchPolicy, DispatchView } from './model/dispatch.js';
export { meanArrivalRate } from './model/arrivals.js';

export { policies, policyNames } from './policies/registry.js';
export type { PolicyDefinition, PolicyContext, PolicyParam } from './policies/policy.js';

export { LatencySketch } from './metrics/latency-sketch.js';
export { estimate, type Estimate } from './metrics/confidence.js';
export { failureCauseNames } from './metrics/failure-causes.js';

export { runScenario, runReplications, forEachReplication, replicationStreams, resultOf, type RunOptions } from './experiment/run.js';
export { ResultAccumulator } from './experiment/summary/result-accumulator.js';
export { NodeRowTable, type NodeFigure } from './experiment/node-row-table.js';
export { runReplication, type ReplicationOutcome, type NodeOutcomes } from './experiment/replication.js';
export { summarize, fingerprint } from './experiment/summarize.js';
export type { ScenarioResult, Summary, TimeFigures, NodeRow, TimeseriesRow, HistogramRow, ElectionRow, ReplicationLagRow } from './experiment/result.js';

export {
  loadScenario,
  formatIssue,
  parseSetArgument,
  scenarioJsonSchema,
  scenarioJsonSchemaText,
  type LoadOptions,
  type LoadResult,
  type PluginPermission,
  type AllowedPlugin,
  type PluginGrant,
} from './scenario/index.js';
export { writeReport } from './report/index.js';
export { failureModels, failureKinds } from './failures/registry.js';
export type { FailureModelDefinition } from './failures/failure-model.js';
export type { ClusterControl } from './model/cluster-control.js';
export type { FailureSpec, ReliabilitySpec, ClientSpec, DetectionSpec, SloSpec, TimelineStep, KeySpec, SingleLeaderTopologySpec, TopologySpec } from './model/spec.js';
export {
  runComparison,
  type Comparison,
  type ComparisonPlan,
  type ComparedVariant,
  type CompareOptions,
} from './experiment/compare.js';
export { parsePolicySpec, parsePolicyList, parseSweep, offeredLoad, scaleToLoad, withPolicy } from './experiment/compare-spec.js';
export { pairedDifferences } from './experiment/compare-figures.js';
export { writeComparison, comparisonFolderName } from './report/comparison/index.js';
export { RaftCluster, runFailoverTrial, type RaftConfig, type DelayModel, type RaftListeners, type FailoverOutcome, type FailoverTrialOptions } from './topology/single-leader/index.js';
