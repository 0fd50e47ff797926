import { readFileSync, existsSync } from 'node:fs';
const OUT = process.env.OUT ?? '/tmp/warmup-study';
import { mser5, mser5FirstHalf } from '../../dist/src/metrics/mser.js';
const EN = JSON.parse(readFileSync(`${OUT}/EN.json`, 'utf8'));
const C = [0]; for (let s = 1; s < EN.length; s++) C[s] = C[s - 1] + (19 - (EN[s - 1] + EN[s]) / 2);
const bias = (d, T) => (C[d + T] - C[d]) / T;
const seeds = [1,2,3,4,5,6,7,8,9,10,11,12];
const data = Object.fromEntries(seeds.map((s) => [s, JSON.parse(readFileSync(`${OUT}/pilots-${s}-40-10000.json`, 'utf8'))]));
function series(p, T, n) { const per = T / n / 2; const out = []; for (let k = 0; k < n; k++) { let c = 0, r = 0; for (let j = k * per; j < (k + 1) * per; j++) { c += p.c[j]; r += p.r[j]; } out.push(r / c); } return out; }
const avg = (seed, P, T, n) => { const s = new Array(n).fill(0); for (let p = 0; p < P; p++) series(data[seed][p], T, n).forEach((x, k) => (s[k] += x / P)); return s; };
const med = (a) => { const b = [...a].sort((x, y) => x - y); return b[(b.length - 1) >> 1]; };
console.log('| T | intervals | pilots | old rule: cuts (s), 12 seeds | refused/doubled | new rule: cuts (s) | median | residual bias median / max (s) |');
for (const T of [4000, 5000, 8000, 10000]) for (const n of [50, 100, 250]) for (const P of [10, 20, 40]) {
  if (n !== 100 && P !== 40 && P !== 10) continue;
  const old = seeds.map((s) => { for (let L = T; L <= 10000; L *= 2) { const r = mser5(avg(s, P, L, n)); if (r) return { d: r.truncate * L / n, doubled: L > T }; } return null; });
  const neu = seeds.map((s) => mser5FirstHalf(avg(s, P, T, n)).truncate * T / n);
  const b = neu.map((d) => bias(d, T));
  console.log(`| ${T} | ${n} | ${P} | ${old.map((o) => (o ? o.d + (o.doubled ? '*' : '') : '-')).join(' ')} | ${old.filter((o) => !o).length}/${old.filter((o) => o && o.doubled).length} | ${neu.join(' ')} | ${med(neu)} | ${med(b).toFixed(2)} / ${Math.max(...b).toFixed(2)} (uncut ${bias(0, T).toFixed(2)}) |`);
}
