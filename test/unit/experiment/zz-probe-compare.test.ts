import jStat from 'jstat';
import { it } from 'vitest';
import { withPolicy } from '../../../src/experiment/compare-spec.js';
import { runComparison } from '../../../src/experiment/compare.js';
import { COMPARED_FIGURES, summaryFigures } from '../../../src/experiment/compare-figures.js';
import { cluster, exponential, runLength } from '../../helpers/scenarios.js';

it('probe', async () => {
  const R = 30;
  const spec = cluster({ seed: 'probe', run: runLength(R, 2e4), nodes: 2, policy: 'random', rate: 1.8, work: exponential(1) });
  const c = await runComparison({ scenario: 'p', baseline: 'random', sweep: null, points: [{ value: null, variants: [
    { name: 'random', spec, file: null }, { name: 'rr', spec: withPolicy(spec, { name: 'round-robin', params: {} }), file: null }] }] });
  const [a, b] = c.points[0].variants;
  const h = (ci: any) => (ci[1] - ci[0]) / 2;
  const sd = (e: any) => (h(e.ci95) / jStat.studentt.inv(0.975, R - 1)) * Math.sqrt(R);
  for (const f of COMPARED_FIGURES.slice(0, 10)) {
    const s1 = sd(f.get(summaryFigures(a.summary))), s2 = sd(f.get(summaryFigures(b.summary)));
    const sdd = (h(f.get(b.differences).ci95) / jStat.studentt.inv(0.975, R - 1)) * Math.sqrt(R);
    console.log(f.path, 'corr', ((s1*s1 + s2*s2 - sdd*sdd) / (2*s1*s2)).toFixed(3), 'ratio', (Math.sqrt(s1*s1+s2*s2)/sdd).toFixed(2));
  }
  const ratios: string[] = [];
  for (let seed = 0; seed < 12; seed++) {
    const s5 = cluster({ seed: `s${seed}`, run: runLength(5, 2e4), nodes: 2, policy: 'random', rate: 1.8, work: exponential(1) });
    const c5 = await runComparison({ scenario: 'p', baseline: 'random', sweep: null, points: [{ value: null, variants: [
      { name: 'random', spec: s5, file: null }, { name: 'rr', spec: withPolicy(s5, { name: 'round-robin', params: {} }), file: null }] }] });
    const [x, y] = c5.points[0].variants;
    const u = Math.sqrt(h(x.summary.responseTime.mean.ci95) ** 2 + h(y.summary.responseTime.mean.ci95) ** 2);
    ratios.push((u / h(y.differences.responseTime.mean.ci95)).toFixed(2));
  }
  console.log('R5 ratios', ratios.join(' '));
});
