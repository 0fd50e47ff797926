import { Type } from '@sinclair/typebox';
import { scalingControllerNames } from '../scaling/registry.js';
import { Distribution } from './schema-distributions.js';
import { Closed, Int, Name, Quantity, StringEnum, VALID } from './schema-parts.js';

/** The `scaling` block: one controller per scaled group (src/scaling/). Cross-field rules are the resolver's. */

const PolicySchema = Type.Union(
  [
    Closed(
      {
        pods: Int(1, { description: 'At most this many nodes added (or removed) per period.' }),
        per: Quantity('duration', { description: 'The period, e.g. 15s.' }),
      },
      { description: 'A change of at most `pods` nodes per period.' },
    ),
    Closed(
      {
        percent: Type.Number({ exclusiveMinimum: 0, description: 'At most this percentage of the count at the period start.', [VALID]: 'a number > 0' }),
        per: Quantity('duration', { description: 'The period, e.g. 15s.' }),
      },
      { description: 'A change of at most `percent` % of the count per period.' },
    ),
  ],
  { description: 'A rate-limiting policy (HPA scaling policy).', [VALID]: '{ pods: <n>, per: <duration> } or { percent: <n>, per: <duration> }' },
);

const Policies = (direction: string) =>
  Type.Array(PolicySchema, { minItems: 1, description: `Policies limiting ${direction}.`, [VALID]: 'a non-empty list of policies' });

const Select = (direction: string) =>
  StringEnum(['max', 'min', 'disabled'], {
    description: `Which ${direction} policy applies: max (the largest change, default), min (the smallest), disabled (no ${direction}).`,
  });

const Bound = (side: string) =>
  Type.Optional(Quantity('metricValue', {
    description: `The ${side} bound of the breach (metric - threshold) this step covers, in the metric's unit; absent: none.`,
  }));

const AlarmSchema = (direction: string) =>
  Type.Optional(Closed(
    {
      threshold: Quantity('metricValue', { description: `The alarm is breached while the metric is ${direction} this (in the metric's unit, as target).` }),
      steps: Type.Array(
        Closed(
          {
            lower: Bound('lower'),
            upper: Bound('upper'),
            change: Type.Integer({ description: 'Nodes to add (> 0) or remove (< 0) for a breach in this step.', [VALID]: 'an integer' }),
          },
          { description: 'A step adjustment: a change in the count for a breach in [lower, upper).' },
        ),
        { minItems: 1, description: 'The step adjustments.', [VALID]: 'a non-empty list of steps' },
      ),
    },
    { description: `step: the ${direction === 'at or above' ? 'scale-out' : 'scale-in'} alarm and its step adjustments.` },
  ));

const ScheduledAction = Closed(
  {
    at: Quantity('duration', { description: 'When in each cycle the action runs, e.g. 8h.' }),
    min: Type.Optional(Int(1, { description: 'The group\'s min from then on.' })),
    max: Type.Optional(Int(1, { description: 'The group\'s max from then on.' })),
    count: Type.Optional(Int(1, { description: 'The count to set (brought inside min and max).' })),
  },
  { description: 'A scheduled action: new bounds and/or count at a time of the cycle.' },
);

/** A controller's keys besides the group it sizes and its bounds (shared with a warm standby's `autoscaler`). */
const POLICY_KEYS = {
  controller: StringEnum(scalingControllerNames, {
    description:
      'The controller: target-tracking (the Kubernetes HPA), scale-to-zero (a node started by a waiting request, removed when idle), step (AWS step scaling), scheduled (set min, max, count at times of a repeating day).',
  }),
  metric: Type.Optional(StringEnum(['utilization', 'inFlightPerNode', 'queueLengthPerNode', 'p99', 'rate'], {
    description:
      'What the controller tracks: per ready node the busy fraction of the cores, requests at the node, requests waiting; the p99 response time; arrivals per second per ready node.',
    default: 'utilization',
  })),
  target: Type.Optional(Quantity('metricValue', {
    description: 'Target value of the metric: a percentage (e.g. 60%) for utilization, a duration for p99, a rate for rate, a number otherwise.',
  })),
  tolerance: Type.Optional(Type.Number({ minimum: 0, description: 'No change while |1 - metric / target| <= tolerance.', default: 0.1, [VALID]: 'a number >= 0' })),
  syncPeriod: Type.Optional(Quantity('duration', { description: 'How often the controller acts (step: the alarm period, default 60s).', default: '15s' })),
  window: Type.Optional(Quantity('duration', { description: 'The metric is averaged over this long; default syncPeriod.' })),
  metricsDelay: Type.Optional(Quantity('duration', { description: 'Age of the metric when the controller reads it.', default: '0s' })),
  stabilization: Type.Optional(Closed(
    {
      up: Type.Optional(Quantity('duration', { description: 'Scale-up stabilization window.', default: '0s' })),
      down: Type.Optional(Quantity('duration', { description: 'Scale-down stabilization window.', default: '300s' })),
    },
    { description: 'Stabilization windows: up takes the lowest, down the highest recommendation of the window.' },
  )),
  policies: Type.Optional(Closed(
    {
      up: Type.Optional(Policies('scale-up')),
      down: Type.Optional(Policies('scale-down')),
    },
    { description: 'Rate limits; default up: 100 % or 4 nodes per 15 s, down: 100 % per 15 s.' },
  )),
  selectPolicy: Type.Optional(Closed(
    { up: Type.Optional(Select('scale-up')), down: Type.Optional(Select('scale-down')) },
    { description: 'Which policy applies in each direction.' },
  )),
  provisioning: Type.Optional(Distribution('duration', 'From the request for a node to the node serving (default 0s).')),
  idleTimeout: Type.Optional(Quantity('duration', {
    description: 'scale-to-zero: a node that has held nothing this long is removed (down to min).',
    default: '60s',
  })),
  evaluationPeriods: Type.Optional(Int(1, { description: 'step: consecutive breaching datapoints that put an alarm in ALARM.', default: 1 })),
  cooldown: Type.Optional(Quantity('duration', { description: 'step: after a scaling activity, scale-ins are ignored and scale-outs squashed.', default: '300s' })),
  alarms: Type.Optional(Closed(
    { up: AlarmSchema('at or above'), down: AlarmSchema('at or below') },
    { description: 'step: the scale-out (up) and scale-in (down) alarms.' },
  )),
  repeat: Type.Optional(Quantity('duration', { description: 'scheduled: the cycle the actions repeat over.', default: '24h' })),
  schedule: Type.Optional(Type.Array(ScheduledAction, {
    minItems: 1,
    description: 'scheduled: the actions of a cycle, in order of at.',
    [VALID]: 'a non-empty list of { at, min?, max?, count? }',
  })),
  drain: Type.Optional(Quantity('duration', {
    description: "A removed node finishes what it holds, receiving nothing new, up to this long; 'unbounded' by default.",
    unbounded: true,
    default: 'unbounded',
  })),
};

const ScalingEntrySchema = Closed(
  {
    group: Name({ description: 'The node group the controller sizes (one of nodes).' }),
    min: Int(0, { description: 'Fewest nodes of the group (0 only with scale-to-zero).' }),
    max: Int(1, { maximum: 100_000, description: 'Most nodes of the group.' }),
    ...POLICY_KEYS,
  },
  { description: 'An auto-scaling controller over one node group.' },
);

/**
 * A controller without a group and bounds: a warm standby's `standby.tier.autoscaler`, which sizes the standby
 * region's nodes between the tier's `nodes` and the standby's full size.
 */
export const ScalingPolicySchema = Closed(POLICY_KEYS, {
  description:
    'An auto-scaling controller over the standby region\u2019s nodes (any of scaling[] but scale-to-zero, without group, min and max: ' +
    'min is the tier\u2019s nodes, max the standby\u2019s full size).',
});

export const ScalingSchema = Type.Array(ScalingEntrySchema, {
  minItems: 1,
  description: 'Auto-scaling: a controller per scaled node group.',
  [VALID]: 'a non-empty list of scaling controllers',
});
