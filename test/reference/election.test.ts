/**
 * Leader election against theory and the Raft paper (issue 6, part 5): the cases of
 * test/fixtures/reference/election.yaml (a verbatim copy of ../shared/reference/election.yaml, read with the `yaml`
 * package), plus the analytic crash-to-leader expectation, computed here.
 *
 * Every trial is one failover of src/topology/single-leader (`runFailoverTrial`): five servers, leader 0 in office
 * with equal logs, the leader crashes, the followers elect. Each trial has its own root seed, hence its own streams.
 *
 * Run length and tolerances:
 * - raft-first-round-n5 states its tolerances for 10^4 trials. At 10^4 trials the standard error of
 *   probNoRivalWithinDelay is sqrt(0.8145 x 0.1855 / 10^4) = 0.0039, so its stated tolerance (0.005) is only 1.3
 *   standard errors: a correct model would fail it about one run in five. The test therefore runs 10^5 trials (SE
 *   0.0012, 4 SE) and keeps every stated tolerance unchanged (test/helpers/reference.ts: a longer run never narrows
 *   a tolerance, and never widens one either). Cost: about 4 s.
 * - raft-paper-figure16: 1000 trials per setting, as in the paper; loose plausibility bounds (the fixture's "about
 *   30 %"), because the paper's log differences and trigger details are not reproducible. See the comments there.
 * - The analytic check: 10^4 trials, tolerance 4 standard errors of the mean, the standard deviation computed
 *   analytically.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/rng.js';
import { runFailoverTrial, type DelayModel, type FailoverOutcome } from '../../src/topology/single-leader/index.js';
import { checkAgainst, expectation, referenceCase, type ReferenceCase } from '../helpers/reference.js';

const FILE = 'election.yaml';
const ms = 1e-3;

/** P(Binomial(n, p) <= k). */
function binomialCdf(n: number, p: number, k: number): number {
  let sum = 0;
  let term = Math.pow(1 - p, n); // P(X = 0)
  for (let x = 0; x <= k; x++) {
    sum += term;
    term *= ((n - x) / (x + 1)) * (p / (1 - p));
  }
  return sum;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * P(the first candidate wins round 1) when every follower's timer started at the same time, timeouts uniform on
 * [lo, hi]: at most one of the other m - 1 followers times out before its RequestVote arrives, `request` after it
 * started (raft-first-round-n5's formula, P(Binomial(m, request / R) <= m - M)), and its own redrawn timeout does
 * not expire before the votes are back, `broadcast` after it started (a new term would void them).
 */
function pFirstRoundWin(n: number, lo: number, hi: number, request: number, broadcast: number): number {
  const m = n - 1;
  const M = Math.floor(n / 2) + 1;
  const R = hi - lo;
  // request >= R: every other follower times out first, m - 1 > m - M rivals (n >= 3).
  const noRivals = request >= R ? 0 : binomialCdf(m, request / R, m - M);
  const votesInTime = broadcast <= lo ? 1 : Math.max(0, (hi - broadcast) / R);
  return noRivals * votesInTime;
}

/** The first candidate won round 1: it is the new leader, in the term it stood for first. */
function firstCandidateWon(o: FailoverOutcome): boolean {
  const e = o.election;
  return o.elected && e.leader === e.candidacies[0].server && e.term === e.candidacies[0].term;
}

describe('raft-first-round-n5: the first round of an election, timers reset together', () => {
  const c = referenceCase(FILE, 'raft-first-round-n5');
  // The model as the fixture states it: 5 servers, equal logs, the leader crashes, the 4 followers' timers were
  // reset together at time 0, timeouts uniform on [150ms, 300ms], constant one-way delay 7.5ms, no loss.
  const n = 5;
  const T = 150 * ms;
  const R = 150 * ms;
  const delta = 7.5 * ms;
  const trials = 1e5;

  it(`firstTimeout.mean, probNoRivalWithinDelay, probFirstCandidateWins over ${trials} trials (${c.source})`, () => {
    // The fixture's formulas, evaluated here as a cross-check of its values (m = n - 1 followers, M = majority).
    const m = n - 1;
    const M = Math.floor(n / 2) + 1;
    expect(T + R / (m + 1)).toBeCloseTo(expectation(c, 'firstTimeout.mean').value, 6);
    expect(Math.pow(1 - delta / R, m)).toBeCloseTo(expectation(c, 'probNoRivalWithinDelay').value, 4);
    expect(binomialCdf(m, delta / R, m - M)).toBeCloseTo(expectation(c, 'probFirstCandidateWins').value, 6);

    let firstTimeout = 0;
    let noRival = 0;
    let firstWins = 0;
    for (let k = 0; k < trials; k++) {
      // No `phase`: bootstrap leader 0 (its heartbeat reaches every follower at t = 0, zero delay), crash it at 0.
      const o = runFailoverTrial(
        { servers: n, heartbeat: T / 2, electionTimeout: [T, T + R], delay: { dist: 'constant', value: delta } },
        new RandomStreams(`election/raft-first-round-n5/${k}`),
      );
      const e = o.election;
      expect(e.cause).toBe('leader-crash');
      firstTimeout += e.start - o.crashAt;
      const rival = e.candidacies.length > 1 && e.candidacies[1].time < e.start + delta;
      if (!rival) noRival++;
      if (firstCandidateWon(o)) firstWins++;
    }
    checkAgainst(c, 'firstTimeout.mean', firstTimeout / trials, expectation(c, 'firstTimeout.mean'), 1);
    checkAgainst(c, 'probNoRivalWithinDelay', noRival / trials, expectation(c, 'probNoRivalWithinDelay'), 1);
    checkAgainst(c, 'probFirstCandidateWins', firstWins / trials, expectation(c, 'probFirstCandidateWins'), 1);
  });
});

describe('issue 6 part 5: mean time from a leader crash to a new leader, timeouts uniform on [T, 2T]', () => {
  // Heartbeat h, timeouts uniform on [T, 2T], negligible delay d. The followers' timers were last reset when the
  // last heartbeat arrived, U + d before the crash (U uniform on (0, h): the crash phase; the heartbeat is sent U
  // before the crash and arrives d later). The first timeout after the crash is min over the m = n - 1 followers
  // of their timeouts, minus U, plus d; the first candidate then wins at once (a rival needs to time out within d
  // of it: probability about m d / T, negligible), one round trip 2d later. E[min of m iid U(T, 2T)] = T + T/(m+1),
  // so E[crash to new leader] = T + T/(m+1) - h/2 + 3d.
  const n = 5;
  const m = n - 1;
  const T = 150 * ms;
  const h = 50 * ms;
  const d = 0.01 * ms;
  const trials = 1e4;

  it(`n = ${n}, T = 150ms, h = 50ms, d = 10us: T + T/(m+1) - h/2 + 3d, ${trials} trials`, () => {
    const expected = T + T / (m + 1) - h / 2 + 3 * d;
    // Var[min of m uniforms of width T] = T^2 m / ((m+1)^2 (m+2)); Var[U] = h^2 / 12; independent.
    const sd = Math.sqrt((T * T * m) / ((m + 1) ** 2 * (m + 2)) + (h * h) / 12);
    const tolerance = (4 * sd) / Math.sqrt(trials);
    const phases = new RandomStreams('election/analytic').stream('crash-phase');
    const downtimes: number[] = [];
    for (let k = 0; k < trials; k++) {
      const o = runFailoverTrial(
        { servers: n, heartbeat: h, electionTimeout: [T, 2 * T], delay: { dist: 'constant', value: d }, phase: phases() * h },
        new RandomStreams(`election/analytic/${k}`),
      );
      expect(o.elected).toBe(true);
      downtimes.push(o.downtime);
    }
    const simulated = mean(downtimes);
    const simulatedSd = Math.sqrt(downtimes.reduce((a, x) => a + (x - simulated) ** 2, 0) / (trials - 1));
    console.log(
      `[reference] crash-to-leader n=${n}: sim ${(simulated / ms).toFixed(3)} ms, analytic ${(expected / ms).toFixed(3)} ms, ` +
        `tol ${(tolerance / ms).toFixed(3)} ms (4 SE); sd sim ${(simulatedSd / ms).toFixed(2)} ms, analytic ${(sd / ms).toFixed(2)} ms`,
    );
    expect(Math.abs(simulated - expected), `mean crash-to-leader ${simulated} vs ${expected} ± ${tolerance}`).toBeLessThanOrEqual(tolerance);
    // The standard deviation follows too (the sd of a sample sd is about sd / sqrt(2N): 0.7 % here; allow 5 %).
    expect(Math.abs(simulatedSd / sd - 1)).toBeLessThan(0.05);
  });
});

/** The published figures of raft-paper-figure16, parsed from the fixture (so that the numbers have one source). */
interface Figure16Case extends ReferenceCase {
  published: Record<string, string>;
  use: string;
}

function publishedMs(c: Figure16Case, setting: string, what: RegExp): number {
  const text = c.published[setting];
  const found = text?.match(what);
  if (!found) throw new Error(`${c.id}: no ${what} in published["${setting}"]: ${text}`);
  return Number(found[1]);
}

interface SettingResult {
  /** Downtimes in seconds (Infinity: no leader within the limit). */
  downtimes: number[];
  meanRounds: number;
  /** Fraction of trials where the first candidate won round 1. */
  firstRoundWins: number;
}

/**
 * 1000 failovers with timeouts uniform on [lo, hi] ms, heartbeat lo / 2, the leader crashed at a uniformly random
 * point of its heartbeat interval; a trial gives up 10 s after the crash (the paper's "longer than 10 seconds").
 */
function figure16(lo: number, hi: number, delay: DelayModel, label: string, trials = 1000, print = true): SettingResult {
  const h = (lo / 2) * ms;
  const phases = new RandomStreams(`election/figure16/${label}`).stream(`crash-phase/${lo}-${hi}`);
  const downtimes: number[] = [];
  let rounds = 0;
  let wins = 0;
  for (let k = 0; k < trials; k++) {
    const o = runFailoverTrial(
      { servers: 5, heartbeat: h, electionTimeout: [lo * ms, hi * ms], delay, phase: phases() * h, limit: 10 },
      new RandomStreams(`election/figure16/${label}/${lo}-${hi}/${k}`),
    );
    downtimes.push(o.downtime);
    rounds += o.election.rounds;
    if (firstCandidateWon(o)) wins++;
  }
  const finite = downtimes.filter(Number.isFinite);
  if (print) console.log(
    `[figure16 ${label}] ${lo}-${hi}ms: median ${(median(downtimes) / ms).toFixed(1)} ms, ` +
      `mean ${finite.length === trials ? (mean(downtimes) / ms).toFixed(1) : 'inf'} ms, max ${(Math.max(...downtimes) / ms).toFixed(1)} ms, ` +
      `> 10 s: ${trials - finite.length}/${trials}, mean rounds ${(rounds / trials).toFixed(2)}, first-round wins ${(wins / trials).toFixed(3)}`,
  );
  return { downtimes, meanRounds: rounds / trials, firstRoundWins: wins / trials };
}

describe('raft-paper-figure16: time without a leader against the timeout range (plausibility)', () => {
  const c = referenceCase(FILE, 'raft-paper-figure16') as Figure16Case;
  const looseness = Number(c.use.match(/about (\d+) %/)![1]) / 100; // "about 30 %"
  const within = (simulated: number, published: number) => Math.abs(simulated - published) <= looseness * published;

  // The network as the brief and the fixture state it: "broadcast time about 15ms", i.e. a constant one-way delay
  // of 7.5 ms for every message (the same network as raft-first-round-n5).
  const network: DelayModel = { dist: 'constant', value: 7.5 * ms };
  const ranges: [number, number][] = [
    [150, 150],
    [150, 151],
    [150, 155],
    [150, 175],
    [150, 200],
    [150, 300],
  ];
  const results = new Map<string, SettingResult>();
  const result = (lo: number, hi: number) => {
    const key = `${lo}-${hi}`;
    if (!results.has(key)) results.set(key, figure16(lo, hi, network, 'one-way-7.5ms'));
    return results.get(key)!;
  };

  it(`150-150ms: ${c.published['150-150ms']} (${c.source})`, () => {
    // No randomisation: the followers heard the same heartbeat at the same time, time out together, split every
    // vote and stay in step. The paper: consistently longer than 10 seconds.
    expect(c.published['150-150ms']).toMatch(/longer than 10 seconds/);
    const r = result(150, 150);
    expect(median(r.downtimes)).toBeGreaterThan(10);
    expect(r.meanRounds).toBeGreaterThan(50); // a round every 150 ms for 10 s
    // Far above every randomised range.
    for (const [lo, hi] of ranges.slice(2)) expect(median(r.downtimes)).toBeGreaterThan(10 * median(result(lo, hi).downtimes));
  });

  it(`150-200ms: the worst case of 1000 trials is near ${publishedMs(c, '150-200ms', /(\d+)ms/)} ms, below 700 ms`, () => {
    // The worst of 1000 trials is a noisy statistic: over 20 seeds it ranged from 512 to 879 ms here. The test
    // estimates its expectation, E[max of 1000 trials], from 50 batches of 1000 (standard error about 17 ms; the
    // batch maxima have a standard deviation of about 120 ms), and checks it against the paper's worst case with
    // the fixture's 30 % below and the brief's plausibility bound, 700 ms, above. (The model's value, about
    // 645 ms, is about 25 % above the paper's: inside "about 30 %", but too near its edge for a check that must not
    // depend on the seed.)
    const published = publishedMs(c, '150-200ms', /worst case over 1000 trials (\d+)ms/);
    const batches = 50;
    const maxima: number[] = [Math.max(...result(150, 200).downtimes)];
    for (let b = 1; b < batches; b++) maxima.push(Math.max(...figure16(150, 200, network, `one-way-7.5ms/batch-${b}`, 1000, false).downtimes));
    const expectedWorst = mean(maxima) / ms;
    const se = Math.sqrt(maxima.reduce((a, x) => a + (x / ms - expectedWorst) ** 2, 0) / (batches - 1) / batches);
    console.log(
      `[figure16] 150-200ms E[worst of 1000]: sim ${expectedWorst.toFixed(1)} ms (SE ${se.toFixed(1)} ms; first batch ` +
        `${(maxima[0] / ms).toFixed(1)} ms), paper ${published} ms (${(100 * (expectedWorst / published - 1)).toFixed(1)} %)`,
    );
    expect(expectedWorst).toBeGreaterThanOrEqual((1 - looseness) * published);
    expect(expectedWorst).toBeLessThan(700);
  });

  it('a wider randomisation range removes split votes: fewer rounds, more elections finished, as the range widens', () => {
    // Elections finished within 10 s never decrease with the width (150-150: none), and mean rounds strictly
    // decrease from 150-151 on (at 150-150 and 150-151 almost every trial is cut at 10 s, about 66 rounds each).
    const finished = ranges.map(([lo, hi]) => result(lo, hi).downtimes.filter(Number.isFinite).length);
    expect(finished[0]).toBe(0);
    expect(finished[1]).toBeGreaterThan(0);
    for (let i = 1; i < ranges.length; i++) expect(finished[i], `${ranges[i]} vs ${ranges[i - 1]}`).toBeGreaterThanOrEqual(finished[i - 1]);
    const rounds = ranges.map(([lo, hi]) => result(lo, hi).meanRounds);
    for (let i = 2; i < rounds.length; i++) expect(rounds[i], `${ranges[i]} vs ${ranges[i - 1]}`).toBeLessThan(rounds[i - 1]);
    // 150-300: a second round needs a rival within 7.5 ms of the first timeout, P = 1 - 0.986 (the first-round formula).
    expect(rounds[rounds.length - 1]).toBeLessThan(1.05);
    // And the time without a leader: every range from 150-175 up elects within a second in 99 % of trials.
    for (const [lo, hi] of ranges.slice(3)) {
      const sorted = [...result(lo, hi).downtimes].sort((a, b) => a - b);
      expect(sorted[Math.floor(0.99 * sorted.length)]).toBeLessThan(1);
    }
  });

  // Where this network and the paper disagree. The paper's 150-155ms median (287 ms) and 12-24ms mean (35 ms) need
  // the first or second round to be won in most trials; with a 7.5 ms one-way delay that is impossible at 150-155ms
  // and rare at 12-24ms. A candidate wins round 1 only if at most one other follower times out before its
  // RequestVote arrives (raft-first-round-n5's formula, which holds here because every follower heard the last
  // heartbeat at the same time) and its own next timeout does not void the term before the votes are back 15 ms
  // later: `pFirstRoundWin`, 0 for 150-155ms, 0.152 x 0.75 = 0.114 for 12-24ms. The paper's 15 ms broadcast time
  // is mostly the receiver persisting its term and vote before it replies (its section 5.6: "broadcast time may
  // range from 0.5ms to 20ms, depending on storage technology"), which delays the reply but not the vote; and its
  // servers had different logs. Neither is in the fixture's model. The tests below check the formula, which is what
  // decides these figures, and print the paper's numbers beside the model's.
  it(`150-155ms: round 1 is never won when delta >= R (paper: ${c.published['150-155ms']})`, () => {
    const r = result(150, 155);
    expect(r.firstRoundWins).toBe(0);
    const published = publishedMs(c, '150-155ms', /median downtime (\d+)ms/);
    const simulated = median(r.downtimes) / ms;
    console.log(`[figure16] 150-155ms median: sim ${simulated.toFixed(1)} ms, paper ${published} ms: not reproduced (see above)`);
    expect(simulated).toBeGreaterThan(published); // the idealised network can only be slower here
  });

  it(`12-24ms: round 1 is won with P(Binomial(4, 7.5/12) <= 1) x P(U(12, 24) > 15) (paper: ${c.published['12-24ms']})`, () => {
    const trials = 1000;
    const r = figure16(12, 24, network, 'one-way-7.5ms', trials);
    const p = pFirstRoundWin(5, 12, 24, 7.5, 15);
    const se = Math.sqrt((p * (1 - p)) / trials);
    expect(Math.abs(r.firstRoundWins - p), `first-round wins ${r.firstRoundWins} vs ${p} ± 4 SE`).toBeLessThanOrEqual(4 * se);
    const published = publishedMs(c, '12-24ms', /mean (\d+)ms/);
    const simulated = mean(r.downtimes) / ms;
    console.log(`[figure16] 12-24ms mean: sim ${simulated.toFixed(1)} ms, paper ${published} ms: not reproduced (see above)`);
    expect(simulated).toBeGreaterThan(published);
  });

  it('sensitivity: with the 15 ms spent persisting before the reply (0.5 ms network), the split-vote window shrinks', () => {
    // Requests take 0.5 ms; replies 0.5 ms plus 14 ms of persisting at the receiver: the same 15 ms broadcast time.
    // At 150-155ms round 1 is then won with pFirstRoundWin(0.5 ms) = P(Binomial(4, 0.1) <= 1) = 0.948, and the
    // paper's median lies between the two ways of spending the 15 ms.
    const persisting: DelayModel = (_from, _to, type) => (type === 'vote-reply' || type === 'append-reply' ? 14.5 * ms : 0.5 * ms);
    const trials = 1000;
    const r = figure16(150, 155, persisting, 'persist-14ms', trials);
    const p = pFirstRoundWin(5, 150, 155, 0.5, 15);
    const se = Math.sqrt((p * (1 - p)) / trials);
    expect(Math.abs(r.firstRoundWins - p), `first-round wins ${r.firstRoundWins} vs ${p} ± 4 SE`).toBeLessThanOrEqual(4 * se);
    const published = publishedMs(c, '150-155ms', /median downtime (\d+)ms/);
    const persistingMedian = median(r.downtimes) / ms;
    const networkMedian = median(result(150, 155).downtimes) / ms;
    console.log(`[figure16] 150-155ms median: ${persistingMedian.toFixed(1)} ms (persisting) < paper ${published} ms < ${networkMedian.toFixed(1)} ms (one-way 7.5 ms)`);
    expect(persistingMedian).toBeLessThan(published);
    expect(networkMedian).toBeGreaterThan(published);
    // Still no randomisation, still no leader.
    expect(median(figure16(150, 150, persisting, 'persist-14ms', 100).downtimes)).toBeGreaterThan(10);
    // 12-24ms is printed only: its 15 ms broadcast time exceeds the 12 ms minimum timeout (Raft asks for
    // broadcastTime << electionTimeout), so voters and rivals time out again before the votes are back and no
    // closed formula applies.
    figure16(12, 24, persisting, 'persist-14ms', trials);
  });
});
