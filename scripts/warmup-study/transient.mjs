// E[N(t)] of M/M/1 at load 0.95 from empty (forward Kolmogorov equations, Euler), written for the other scripts.
import { mkdirSync, writeFileSync } from 'node:fs';
const OUT = process.env.OUT ?? '/tmp/warmup-study';
mkdirSync(OUT, { recursive: true });
const lam = 0.95, mu = 1;
const K = +process.argv[2] || 1000, dt = +process.argv[3] || 0.02, H = 20000;
let p = new Float64Array(K), q = new Float64Array(K); p[0] = 1;
const EN = new Float64Array(H + 1); // E N at integer seconds
const stepsPerSec = Math.round(1 / dt);
for (let s = 0; s < H; s++) {
  for (let k = 0; k < stepsPerSec; k++) {
    q[0] = p[0] + dt * (mu * p[1] - lam * p[0]);
    for (let i = 1; i < K - 1; i++) q[i] = p[i] + dt * (lam * p[i - 1] + mu * p[i + 1] - (lam + mu) * p[i]);
    q[K - 1] = p[K - 1] + dt * (lam * p[K - 2] - mu * p[K - 1]);
    [p, q] = [q, p];
  }
  let en = 0; for (let i = 0; i < K; i++) en += i * p[i];
  EN[s + 1] = en;
}
// cumulative deficit D(t) = int_0^t (19 - EN)
const C = new Float64Array(H + 1);
for (let s = 1; s <= H; s++) C[s] = C[s - 1] + (19 - (EN[s - 1] + EN[s]) / 2);
const bias = (d, T) => (C[d + T] - C[d]) / T;
console.log('EN at', [500, 1000, 2000, 4000, 8000, 16000, 20000].map((t) => `${t}:${EN[t].toFixed(3)}`).join(' '));
console.log('total deficit to 20000:', C[H].toFixed(1));
for (const T of [2000, 3000, 4000, 5000, 8000, 10000]) {
  console.log('T', T, [0, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000].map((d) => `d${d}:${bias(d, T).toFixed(3)}`).join(' '));
}
writeFileSync(`${OUT}/EN.json`, JSON.stringify(Array.from(EN)));
