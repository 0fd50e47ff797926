import { it } from 'vitest';
import { RandomStreams } from '../../../../src/engine/rng.js';
import { runFailoverTrial } from '../../../../src/topology/single-leader/index.js';
import type { DistSpec } from '../../../../src/engine/distributions/index.js';

function q(xs: number[], p: number) { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; }

it('first round', () => {
  const t0 = Date.now();
  const N = 100000;
  let sumFirst = 0, noRival = 0, wins = 0, events = 0;
  for (let k = 0; k < N; k++) {
    const o = runFailoverTrial({ servers: 5, heartbeat: 0.075, electionTimeout: [0.15, 0.3], delay: { dist: 'constant', value: 0.0075 } }, new RandomStreams(`fr/${k}`));
    const e = o.election;
    sumFirst += e.start;
    const c = e.candidacies;
    if (!(c.length > 1 && c[1].time < e.start + 0.0075)) noRival++;
    if (e.leader === c[0].server && e.rounds === 1) wins++;
    events += o.events;
  }
  console.log('first', sumFirst / N, 'noRival', noRival / N, 'wins', wins / N, 'events', events / N, 'ms', Date.now() - t0);
});

for (const delay of [{ dist: 'constant', value: 0.0075 }, { dist: 'uniform', min: 0.005, max: 0.01 }, { dist: 'exponential', mean: 0.0075 }] as DistSpec[]) {
  it('fig16 ' + JSON.stringify(delay), () => {
    for (const [lo, hi] of [[150, 150], [150, 151], [150, 155], [150, 175], [150, 200], [150, 300], [12, 24], [25, 50], [50, 100], [100, 200]]) {
      const t0 = Date.now();
      const phase = new RandomStreams('phase').stream(`${lo}-${hi}`);
      const d: number[] = []; let rounds = 0; let ev = 0;
      const h = lo / 2000;
      for (let k = 0; k < 1000; k++) {
        const o = runFailoverTrial({ servers: 5, heartbeat: h, electionTimeout: [lo / 1000, hi / 1000], delay, phase: phase() * h, limit: 10 }, new RandomStreams(`f16/${lo}-${hi}/${k}`));
        d.push(o.downtime * 1000); rounds += o.election.rounds; ev += o.events;
      }
      const mean = d.reduce((a, b) => a + b, 0) / d.length;
      console.log(`${lo}-${hi}: mean ${mean.toFixed(1)} median ${q(d, 0.5).toFixed(1)} p90 ${q(d, 0.9).toFixed(1)} max ${Math.max(...d).toFixed(1)} rounds ${(rounds / 1000).toFixed(2)} events/trial ${ev / 1000} ms ${Date.now() - t0}`);
    }
  });
}
