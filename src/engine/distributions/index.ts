export type { DistSpec, DistName } from './spec.js';
export { createSampler, createSamplerInto, type DrawInto } from './sampler.js';
export { distMean, distVariance } from './moments.js';
export { distProblems } from './validate.js';
