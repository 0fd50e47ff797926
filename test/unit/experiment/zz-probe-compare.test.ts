import jStat from 'jstat';
import { it } from 'vitest';
import { withPolicy } from '../../../src/experiment/compare-spec.js';
import { runComparison } from '../../../src/experiment/compare.js';
import { cluster, exponential, runLength } from '../../helpers/scenarios.js';

it('probe', async () => {
  for (const [R, N, rho] of [[30, 2e4, 0.9], [30, 2e4, 0.95], [30, 5e3, 0.9]] as const) {
    const spec = cluster({ seed: 'probe', run: runLength(R, N), nodes: 2, policy: 'random', rate: rho * 2, work: exponential(1) });
    const c = await runComparison({ scenario: 'p', baseline: 'random', sweep: null, points: [{ value: null, variants: [
      { name: 'random', spec, file: null }, { name: 'rr', spec: withPolicy(spec, { name: 'round-robin', params: {} }), file: null }] }] });
    const [a, b] = c.points[0].variants;
    const h = (ci: any) => (ci[1] - ci[0]) / 2;
    const sd = (e: any) => (h(e.ci95) / jStat.studentt.inv(0.975, R - 1)) * Math.sqrt(R);
    const s1 = sd(a.summary.responseTime.mean), s2 = sd(b.summary.responseTime.mean);
    const sdd = (h(b.differences.responseTime.mean.ci95) / jStat.studentt.inv(0.975, R - 1)) * Math.sqrt(R);
    const rho2 = (s1*s1 + s2*s2 - sdd*sdd) / (2*s1*s2);
    console.log(R, N, rho, 'corr', rho2.toFixed(3), 'ratio(sd)', (Math.sqrt(s1*s1+s2*s2)/sdd).toFixed(2));
  }
});
