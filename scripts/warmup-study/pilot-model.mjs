// Synthetic study: MSER-5 on the average of P pilots, modelled as theory mean + Gaussian noise with the covariance
// of one pilot's 20 batch means, estimated from the 480 simulated pilots (CLT: the average of P pilots).
import { readFileSync, existsSync } from 'node:fs';
const OUT = process.env.OUT ?? '/tmp/warmup-study';
import { mser5 } from '../../dist/src/metrics/mser.js';
const EN = JSON.parse(readFileSync(`${OUT}/EN.json`, 'utf8'));
const C = [0]; for (let s = 1; s < EN.length; s++) C[s] = C[s - 1] + (19 - (EN[s - 1] + EN[s]) / 2);
const bias = (d, T) => (C[d + T] - C[d]) / T;
const seeds = [1,2,3,4,5,6,7,8,9,10,11,12].filter((s) => existsSync(`${OUT}/pilots-${s}-40-10000.json`));
const pilots = seeds.flatMap((s) => JSON.parse(readFileSync(`${OUT}/pilots-${s}-40-10000.json`, 'utf8')));
const m = 20;
function batches(p, T) { // 100 intervals of T/100 s, interval means, then batches of 5
  const per = T / 100 / 2; const iv = [];
  for (let k = 0; k < 100; k++) { let c = 0, r = 0; for (let j = k * per; j < (k + 1) * per; j++) { c += p.c[j]; r += p.r[j]; } iv.push(c > 0 ? r / c : NaN); }
  const z = []; for (let j = 0; j < m; j++) { let s = 0; for (let k = 0; k < 5; k++) s += iv[j * 5 + k]; z.push(s / 5); } return z;
}
let seed = 12345; const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
const gauss = () => { let u = 0; while (u === 0) u = rnd(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd()); };
function mserHalf(z) { const m = z.length; let best = 0, bv = Infinity; for (let d = 0; d <= m / 2; d++) { const t = z.slice(d); const n = t.length; const mean = t.reduce((a, b) => a + b, 0) / n; const v = t.reduce((a, b) => a + (b - mean) ** 2, 0) / (n * n); if (v < bv) { bv = v; best = d; } } return { truncate: best }; }
const Phi = (x) => 0.5 * (1 + erf(x / Math.SQRT2));
function erf(x) { const t = 1 / (1 + 0.3275911 * Math.abs(x)); const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x); return x >= 0 ? y : -y; }
console.log('pilots', pilots.length);

const TS = (process.argv[2] || '2500,4000,5000').split(',').map(Number);
const PS = (process.argv[3] || '10,40,160,640,1300,2600,5200').split(',').map(Number);
for (const T of TS) {
  const M = 40, w = T / 20; // blocks of T/20 over 2T
  const blocks = (p) => { const per = w / 2; const out = []; for (let k = 0; k < M; k++) { let c = 0, r = 0; for (let j = k * per; j < (k + 1) * per; j++) { c += p.c[j]; r += p.r[j]; } out.push(r / c); } return out; };
  const Z = pilots.map(blocks).filter((z) => z.every(Number.isFinite)); const n = Z.length;
  const mu = new Array(M).fill(0); Z.forEach((z) => z.forEach((x, j) => (mu[j] += x / n)));
  const S = Array.from({ length: M }, (_, i) => Array.from({ length: M }, (_, j) => Z.reduce((s, z) => s + (z[i] - mu[i]) * (z[j] - mu[j]), 0) / (n - 1)));
  const theory = Array.from({ length: M }, (_, j) => { let s = 0; for (let t = j * w; t < (j + 1) * w; t++) s += 1 + (EN[t] + EN[t + 1]) / 2; return s / w; });
  const L = S.map((r) => r.map(() => 0));
  for (let i = 0; i < M; i++) for (let j = 0; j <= i; j++) { let s = S[i][j]; for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k]; L[i][j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j][j]; }
  console.log(`T ${T} (${n} pilots): block sd first ${Math.sqrt(S[0][0]).toFixed(1)} mid ${Math.sqrt(S[20][20]).toFixed(1)}; b0 ${bias(0, T).toFixed(3)}`);
  for (const P of PS) {
    const ds = []; let doubled = 0;
    for (let it = 0; it < 2000; it++) {
      const e = Array.from({ length: M }, gauss);
      const z = theory.map((x, i) => x + L[i].reduce((s, l, k) => s + l * e[k], 0) / Math.sqrt(P));
      const VAR = process.env.VAR; let r = VAR === 'half' ? mserHalf(z.slice(0, 20)) : mser5(z.slice(0, 20), 1); let d = r ? r.truncate * w : null;
      if (d === null) { doubled++; const z2 = Array.from({ length: 20 }, (_, j) => (z[2 * j] + z[2 * j + 1]) / 2); r = mser5(z2, 1); d = r ? r.truncate * 2 * w : null; }
      ds.push(d);
    }
    const nulls = ds.filter((d) => d === null).length; const ok = ds.filter((d) => d !== null).sort((a, b) => a - b);
    const q = (f) => ok[Math.floor(f * (ok.length - 1))];
    const passAt = (R) => { const tol = 1947 / Math.sqrt(T * R), se = tol / 2.4; return ok.reduce((s, d) => { const b = bias(d, T); return s + Phi((tol - b) / se) - Phi((-tol - b) / se); }, 0) / ds.length; };
    const fail0 = (R) => { const tol = 1947 / Math.sqrt(T * R), se = tol / 2.4, b = bias(0, T); return 1 - (Phi((tol - b) / se) - Phi((-tol - b) / se)); };
    const meanB = ok.reduce((s, d) => s + bias(d, T), 0) / ok.length;
    console.log(`  P ${P}: d q10 ${q(0.1)} q50 ${q(0.5)} q90 ${q(0.9)} doubled ${(doubled / 20).toFixed(0)}% null ${(nulls / 20).toFixed(1)}% mean residual ${meanB.toFixed(3)} | pass(auto) R=P ${passAt(P).toFixed(3)} R=1300 ${passAt(1300).toFixed(3)} | fail(0s) R=P ${fail0(P).toFixed(3)} R=1300 ${fail0(1300).toFixed(3)}`);
  }
}
